using Microsoft.AspNetCore.Components.Server.Circuits;

namespace AppealStudio.Web.Infrastructure;

/// <summary>Marks the circuit active whenever the page sends it something (a click, a keystroke, a JS callback).</summary>
public sealed class CircuitActivityHandler(CircuitActivity activity) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(
        Func<CircuitInboundActivityContext, Task> next) =>
        context =>
        {
            activity.Touch();
            return next(context);
        };
}

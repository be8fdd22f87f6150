namespace AppealStudio.Core.Remittance;

/// <summary>What <see cref="RemittanceReader.ReadEvents"/> produces, in file order.</summary>
public abstract record RemitEvent;

/// <summary>A transaction's header (BPR .. payee) has been read; its claims follow.</summary>
public sealed record PaymentStarted(PaymentHeader Payment) : RemitEvent;

/// <summary>A claim with all its service lines has been read.</summary>
public sealed record ClaimRead(ClaimPayment Claim) : RemitEvent;

/// <summary>A transaction has been read to its SE: its PLBs, claim totals and balance warning are final.</summary>
public sealed record PaymentEnded(PaymentHeader Payment) : RemitEvent;

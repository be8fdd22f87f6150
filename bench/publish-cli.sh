#!/usr/bin/env bash
# Publishes the CLI as users install it for heavy use: Release, framework-dependent, ReadyToRun (precompiled, so a
# whole-process run does not spend its first few hundred milliseconds in the JIT). Output: bench/out/cli/appealstudio.dll.
#
# ReadyToRun needs a runtime identifier, and restoring for one adds a section to every project's packages.lock.json;
# the publish therefore runs on a copy of the sources under bench/out/ so that the repository's lock files (which CI
# restores in locked mode) stay as they are.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
out="$here/out"
copy="$out/cli-src"
rid=${RID:-linux-x64}

rm -rf "$out/cli"
mkdir -p "$copy"
tar -C "$root" --exclude=bin --exclude=obj -cf - src Directory.Build.props Directory.Packages.props global.json .editorconfig \
  | tar -C "$copy" -xf -
dotnet publish "$copy/src/AppealStudio.Cli/AppealStudio.Cli.csproj" -c Release -r "$rid" --self-contained false \
  -p:PublishReadyToRun=true -o "$out/cli" -v quiet -nologo > "$out/build-cli.log"

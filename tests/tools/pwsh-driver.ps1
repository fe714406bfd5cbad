# pwsh-driver.ps1 — runs generated scripts against the mock Az modules, one
# run after the other in this one pwsh process (tests/tools/check-pwsh.py
# writes the list; starting pwsh once per script, not per run, keeps the
# suite fast).
#
#   pwsh -NoProfile -NonInteractive -File pwsh-driver.ps1 -Mock DIR -Jobs RUNS.json
#
# DIR is what tests/tools/pwsh-mock.py wrote (with Models.dll compiled).
# RUNS.json is a list of runs: {"script", "args": {name: value}, "whatif",
# "init" (a state file, copied to "state" first), "state", "log", "cwd",
# "result"}. Each run is `& script @args [-WhatIf]` in cwd, with
# $env:BKPC_MOCK_STATE and $env:BKPC_MOCK_LOG pointing at its state and log;
# it writes {"ok", "error", "output": [lines]} to "result".
param(
    [Parameter(Mandatory)] [string] $Mock,
    [Parameter(Mandatory)] [string] $Jobs
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

# Only the mock and pwsh's own modules: never a real Az module of this machine.
$env:PSModulePath = (Join-Path $Mock 'Modules') + [System.IO.Path]::PathSeparator + (Join-Path $PSHOME 'Modules')
Import-Module (Join-Path $Mock 'Modules/Az.Accounts') -Force
Import-Module (Join-Path $Mock 'Modules/Az.RecoveryServices') -Force
$loaded = (Get-Module Az.RecoveryServices).ModuleBase
if (-not $loaded.StartsWith([System.IO.Path]::GetFullPath($Mock))) { throw "Az.RecoveryServices loaded from $loaded" }

$utf8 = [System.Text.UTF8Encoding]::new($false)
function Format-Error($Record) {   # the message, and where in the script
    $where = @($Record.ScriptStackTrace -split "`n" | Where-Object { $_ -notmatch 'pwsh-(mock|driver)\.ps1|[\\/]Modules[\\/]Az\.|<No file>' })
    $Record.Exception.Message + $(if ($where) { " ($($where[0].Trim()))" })
}
foreach ($job in ([System.IO.File]::ReadAllText($Jobs, $utf8) | ConvertFrom-Json -AsHashtable)) {
    Copy-Item -LiteralPath $job['init'] -Destination $job['state'] -Force
    $env:BKPC_MOCK_STATE = $job['state']
    $env:BKPC_MOCK_LOG = $job['log']
    [System.IO.File]::WriteAllText($job['log'], '', $utf8)
    $splat = @{}
    foreach ($k in $job['args'].Keys) { $splat[$k] = $job['args'][$k] }
    if ($job['whatif']) { $splat['WhatIf'] = $true }
    $result = [ordered]@{ ok = $true; error = $null; output = @() }
    Push-Location -LiteralPath $job['cwd']
    try {
        $result.output = @(& $job['script'] @splat *>&1 | ForEach-Object {
                if ($_ -is [System.Management.Automation.ErrorRecord]) { $result.ok = $false; $result.error = Format-Error $_ }
                "$_"
            })
    } catch {
        $result.ok = $false
        $result.error = Format-Error $_
    } finally {
        Pop-Location
    }
    [System.IO.File]::WriteAllText($job['result'], (ConvertTo-Json -InputObject $result -Depth 5), $utf8)
}

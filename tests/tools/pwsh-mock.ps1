# pwsh-mock.ps1 — what the mock Az cmdlets do. tests/tools/pwsh-mock.py writes
# the cmdlets themselves (parameter sets, types, accepted values, from
# reference/pwsh/cmdlets.json); each hands its bound parameters to
# Invoke-BkpcMock here. Both mock modules dot-source this file.
#
# The mock follows reference/PWSH.md and models.json: the objects
# Get-AzRecoveryServicesBackup*PolicyObject return and their defaults, the
# checks New-/Set-AzRecoveryServicesBackupProtectionPolicy make before they
# send anything (validationPipeline), the body they send (restJsonShape), and
# the service's own rules the reference names.
#
# The Azure side is a JSON file named by $env:BKPC_MOCK_STATE, read at every
# call and written back after every change:
#   { "context": {"subscription": S},        the current Az context
#     "subscriptions": [S, ...],              those Set-AzContext may select
#     "vms": [{"subscription", "resourceGroup", "name", "location"}],
#     "vaults": [{"subscription", "resourceGroup", "name", "location",
#                 "policies": [{"name", "properties": {REST body properties}}],
#                 "items": [{"subscription", "resourceGroup", "vm", "policy",
#                            "disks": {"setting": "all"|"include"|"exclude"|"none",
#                                      "luns": ["1", ...]}}]}] }
# Every call is appended to $env:BKPC_MOCK_LOG as one JSON line:
#   {"cmdlet", "set" (the parameter set), "params" (bound; objects as
#    {"$type", Name...}), "applied" (a change was made), "whatif" (a change
#    -WhatIf skipped), "body" (New-/Set-…ProtectionPolicy: the REST body
#    properties sent), "error" (the message of an error it threw), "ms"
#    (the time the mock took)}.

$script:NS = 'Microsoft.Azure.Commands.RecoveryServices.Backup.Cmdlets.Models'
$script:MockRoot = [System.IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../../..'))
if (-not ('Microsoft.Azure.Commands.RecoveryServices.ARSVault' -as [type])) {
    Add-Type -LiteralPath (Join-Path $script:MockRoot 'Models.dll')
}
$script:MockDefaults = [System.IO.File]::ReadAllText((Join-Path $script:MockRoot 'defaults.json')) |
    ConvertFrom-Json -AsHashtable
$script:Utf8 = [System.Text.UTF8Encoding]::new($false)
$script:Inv = [System.Globalization.CultureInfo]::InvariantCulture
$script:MockBodies = @{}

# ---- state, log, -WhatIf ------------------------------------------------------

function Read-MockState {
    [System.IO.File]::ReadAllText($env:BKPC_MOCK_STATE, $script:Utf8) |
        ConvertFrom-Json -AsHashtable -DateKind String -Depth 100
}

function Save-MockState($State) {
    $json = ConvertTo-Json -InputObject $State -Depth 100
    [System.IO.File]::WriteAllText($env:BKPC_MOCK_STATE, $json + "`n", $script:Utf8)
}

function ConvertTo-MockLogValue($Value) {
    if ($null -eq $Value) { return $null }
    if ($Value -is [System.Management.Automation.SwitchParameter]) { return $Value.IsPresent }
    if ($Value -is [string] -or $Value -is [bool] -or $Value -is [int]) { return $Value }
    if ($Value -is [enum]) { return $Value.ToString() }
    if ($Value -is [array]) { return , @($Value.ForEach({ ConvertTo-MockLogValue $_ })) }
    $o = [ordered]@{ '$type' = $Value.GetType().Name }
    foreach ($p in 'Name', 'ID', 'FriendlyName', 'ResourceGroupName', 'VirtualMachineId') {
        if ($Value.PSObject.Properties[$p]) { $o[$p] = $Value.$p }
    }
    $o
}

function Invoke-BkpcMock($Cmdlet, $Bound) {
    $name = $Cmdlet.MyInvocation.MyCommand.Name
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $call = [ordered]@{ cmdlet = $name; set = $Cmdlet.ParameterSetName; params = [ordered]@{} }
    foreach ($k in $Bound.Keys) { $call.params[$k] = ConvertTo-MockLogValue $Bound[$k] }
    try {
        $body = $script:MockBodies[$name]
        if ($null -eq $body) { throw "the mock does not implement $name" }
        & $body $Cmdlet $Bound $call
    } catch {
        $call['error'] = $_.Exception.Message
        throw
    } finally {
        $call['ms'] = $clock.ElapsedMilliseconds
        $line = ConvertTo-Json -InputObject $call -Depth 100 -Compress -EnumsAsStrings
        [System.IO.File]::AppendAllText($env:BKPC_MOCK_LOG, $line + "`n", $script:Utf8)
    }
}

# A compiled cmdlet honours its caller's $WhatIfPreference (the script's
# -WhatIf); a function of a script module does not see it, so read it from
# the caller's session state.
function Test-MockShouldProcess($Cmdlet, $Bound, $Call, [string] $Target, [string] $Action) {
    if (-not $Bound.ContainsKey('WhatIf') -and $Cmdlet.SessionState.PSVariable.GetValue('WhatIfPreference')) {
        Write-Host "What if: Performing the operation `"$Action`" on target `"$Target`"."
        $go = $false
    } else {
        $go = $Cmdlet.ShouldProcess($Target, $Action)
    }
    if ($go) { $Call['applied'] = $true } else { $Call['whatif'] = $true }
    $go
}

function Get-MockVaultId($Vault) {
    '/subscriptions/{0}/resourceGroups/{1}/providers/Microsoft.RecoveryServices/vaults/{2}' -f `
        $Vault['subscription'], $Vault['resourceGroup'], $Vault['name']
}

function Get-MockVault($State, $Bound) {
    if (-not $Bound['VaultId']) {
        throw 'no vault: pass -VaultId (Set-AzRecoveryServicesVaultContext is deprecated, PWSH.md §3)'
    }
    foreach ($v in $State['vaults']) {
        if ((Get-MockVaultId $v) -ceq $Bound['VaultId']) { return $v }
    }
    throw "ResourceNotFound: vault $($Bound['VaultId'])"
}

function Find-MockPolicy($Vault, [string] $Name) {
    foreach ($p in $Vault['policies']) { if ($p['name'] -eq $Name) { return $p } }
    $null
}

function Get-MockVmId($Sub, $Rg, $Vm) {
    '/subscriptions/{0}/resourceGroups/{1}/providers/Microsoft.Compute/virtualMachines/{2}' -f $Sub, $Rg, $Vm
}

function Assert-MockAzureVM($Bound) {
    if ($Bound.ContainsKey('WorkloadType') -and $Bound['WorkloadType'] -ne 'AzureVM') {
        throw "the mock knows only -WorkloadType AzureVM, not $($Bound['WorkloadType'])"
    }
    if ($Bound.ContainsKey('BackupManagementType') -and $Bound['BackupManagementType'] -ne 'AzureVM') {
        throw "the mock knows only -BackupManagementType AzureVM, not $($Bound['BackupManagementType'])"
    }
}

# ---- objects with their documented defaults -----------------------------------------

function Get-MockToday([string] $Clock) {
    # "one random time today, minute 0 or 30": fixed at 16:30 so that runs repeat
    if ($Clock -eq 'random') { $Clock = '16:30' }
    $h, $m = $Clock.Split(':')
    $d = [DateTime]::UtcNow.Date
    [DateTime]::new($d.Year, $d.Month, $d.Day, [int]$h, [int]$m, 0, [DateTimeKind]::Utc)
}

function New-MockDefault([string] $Class) {
    $o = New-Object "$script:NS.$Class"
    $spec = $script:MockDefaults['classes'][$Class]
    if ($spec) { Set-MockValues $o $Class $spec }
    $o
}

# Sets the values of $Spec (defaults.json's notation) on $Obj, a $Class.
function Set-MockValues($Obj, [string] $Class, $Spec) {
    $types = $script:MockDefaults['types'][$Class]
    foreach ($k in $Spec.Keys) {
        $v = $Spec[$k]
        $t = $types[$k]
        $el = if ($t -match '^List<(.+)>$') { $Matches[1] } else { $null }
        if ($v -is [System.Collections.IDictionary] -and $v.Contains('$today')) {
            $time = Get-MockToday $v['$today']
            if ($el) { $Obj.$k.Clear(); $Obj.$k.Add($time) } else { $Obj.$k = $time }
        } elseif ($v -is [System.Collections.IDictionary]) {
            $sub = New-MockDefault $t
            Set-MockValues $sub $t $v
            $Obj.$k = $sub
        } elseif ($v -is [System.Collections.IList]) {
            $list = $Obj.$k
            $list.Clear()
            foreach ($x in $v) {
                if ($x -is [System.Collections.IDictionary]) {
                    $e = New-MockDefault $el
                    Set-MockValues $e $el $x
                    $list.Add($e)
                } else { $list.Add($x) }
            }
        } elseif ($null -ne $v) {     # (PowerShell would turn $null into '' for a string)
            $Obj.$k = $v
        }
    }
}

# PROV GetDefaultSchedulePolicyObject: only the sub-object of the frequency.
function New-MockSchedulePolicy([string] $SubType, [string] $Frequency) {
    if ($SubType -eq 'Standard') {
        if ($Frequency -eq 'Hourly') {
            throw 'StandardHourlyScheduleNotSupported: an hourly schedule needs -PolicySubType Enhanced'
        }
        $s = New-MockDefault 'SimpleSchedulePolicy'
        $s.ScheduleRunFrequency = $Frequency
        return $s
    }
    $s = New-MockDefault 'SimpleSchedulePolicyV2'
    $s.ScheduleRunFrequency = $Frequency
    $sub = New-MockDefault "${Frequency}Schedule"
    # the time as SimpleSchedulePolicy's: models.json gives none for V2's sub-objects
    if ($Frequency -ne 'Hourly') { $sub.ScheduleRunTimes.Add((Get-MockToday 'random')) }
    $s."${Frequency}Schedule" = $sub
    $s
}

function New-MockRetentionPolicy([string] $Frequency) {
    $r = New-MockDefault 'LongTermRetentionPolicy'
    if ($Frequency -eq 'Weekly') {      # models.json: "null when Weekly frequency requested"
        $r.IsDailyScheduleEnabled = $false
        $r.DailySchedule = $null
    }
    $r
}

# ---- the checks of New-/Set-…ProtectionPolicy (models.json validationPipeline) ---------

function Test-MockTime($Time, [string] $What) {
    if ($null -eq $Time -or $Time.Kind -ne [DateTimeKind]::Utc -or $Time.Minute % 30 -ne 0 -or
        $Time.Second -ne 0 -or $Time.Millisecond -ne 0) {
        throw "${What}: ScheduleTimes in Schedule should be in UTC Timezone, have ONE time and must be of multiples of 30 Mins with seconds and milliseconds set to 0"
    }
}

function Test-MockDistinct($List, [string] $What) {
    $seen = [System.Collections.Generic.HashSet[string]]::new()
    if ($null -eq $List -or $List.Count -eq 0) { throw "${What}: the list is empty" }
    foreach ($x in $List) {
        if (-not $seen.Add("$x")) { throw "${What}: $x is listed twice" }
    }
}

function Test-MockTimes($List, [string] $What) {
    if ($null -eq $List -or $List.Count -ne 1) { throw "${What}: exactly one time is needed, not $(@($List).Count)" }
    Test-MockTime $List[0] $What
}

function Test-MockSchedule($S) {
    if ($S -is [Microsoft.Azure.Commands.RecoveryServices.Backup.Cmdlets.Models.SimpleSchedulePolicy]) {
        if ($S.ScheduleRunFrequency -eq 'Hourly') { throw 'StandardHourlyScheduleNotSupported' }
        Test-MockTimes $S.ScheduleRunTimes 'ScheduleRunTimes'
        if ($S.ScheduleRunFrequency -eq 'Weekly') { Test-MockDistinct $S.ScheduleRunDays 'ScheduleRunDays' }
        if ($null -ne $S.ScheduleInterval -or $null -ne $S.ScheduleWindowStartTime -or $null -ne $S.ScheduleWindowDuration) {
            throw 'HourlyScheduleNotNull: ScheduleInterval/ScheduleWindow* are for AzureFiles hourly'
        }
        return
    }
    if ($S -isnot [Microsoft.Azure.Commands.RecoveryServices.Backup.Cmdlets.Models.SimpleSchedulePolicyV2]) {
        throw "not an AzureVM schedule: $($S.GetType().Name)"
    }
    if ($null -eq $S."$($S.ScheduleRunFrequency)Schedule") {
        throw "$($S.ScheduleRunFrequency)Schedule is null for a $($S.ScheduleRunFrequency) schedule"
    }
    if ($S.DailySchedule) { Test-MockTimes $S.DailySchedule.ScheduleRunTimes 'DailySchedule.ScheduleRunTimes' }
    if ($S.WeeklySchedule) {
        Test-MockDistinct $S.WeeklySchedule.ScheduleRunDays 'WeeklySchedule.ScheduleRunDays'
        Test-MockTimes $S.WeeklySchedule.ScheduleRunTimes 'WeeklySchedule.ScheduleRunTimes'
    }
    if ($h = $S.HourlySchedule) {
        if ($h.Interval -notin 4, 6, 8, 12, 24) { throw "HourlySchedule.Interval $($h.Interval): 4, 6, 8, 12 (or 24)" }
        $t = $h.WindowStartTime
        if ($null -eq $t -or $t.Kind -ne [DateTimeKind]::Utc) { throw 'WindowStartTimeNotInUTC' }
        Test-MockTime $t 'HourlySchedule.WindowStartTime'
        if ($null -eq $h.WindowDuration -or $h.WindowDuration -lt $h.Interval) {
            throw "HourlySchedule.WindowDuration $($h.WindowDuration) is shorter than the interval $($h.Interval)"
        }
        if (-not $S.ScheduleRunTimeZone) { throw 'ScheduleRunTimeZone is needed for an hourly schedule' }
    }
}

function Get-MockScheduleTime($S) {
    if ($S -is [Microsoft.Azure.Commands.RecoveryServices.Backup.Cmdlets.Models.SimpleSchedulePolicy]) { return $S.ScheduleRunTimes[0] }
    switch ("$($S.ScheduleRunFrequency)") {
        'Hourly' { return $S.HourlySchedule.WindowStartTime }
        'Daily' { return $S.DailySchedule.ScheduleRunTimes[0] }
        'Weekly' { return $S.WeeklySchedule.ScheduleRunTimes[0] }
    }
}

function Get-MockScheduleDays($S) {
    if ($S -is [Microsoft.Azure.Commands.RecoveryServices.Backup.Cmdlets.Models.SimpleSchedulePolicy]) { return , $S.ScheduleRunDays }
    , $S.WeeklySchedule.ScheduleRunDays
}

function Test-MockRange($Value, [int] $Min, [int] $Max, [string] $What) {
    if ($Value -lt $Min -or $Value -gt $Max) { throw "${What} $Value is out of range $Min..$Max (PolicyConstants)" }
}

function Test-MockFormat($X, [string] $What) {
    if ($X.RetentionScheduleFormatType -eq 'Weekly') {
        $w = $X.RetentionScheduleWeekly
        if ($null -eq $w) { throw "$What.RetentionScheduleWeekly is null" }
        Test-MockDistinct $w.DaysOfTheWeek "$What.RetentionScheduleWeekly.DaysOfTheWeek"
        Test-MockDistinct $w.WeeksOfTheMonth "$What.RetentionScheduleWeekly.WeeksOfTheMonth"
        return
    }
    $d = $X.RetentionScheduleDaily
    if ($null -eq $d -or $d.DaysOfTheMonth.Count -eq 0) { throw "$What.RetentionScheduleDaily.DaysOfTheMonth is empty" }
    $seen = [System.Collections.Generic.HashSet[string]]::new()
    $last = 0
    foreach ($day in $d.DaysOfTheMonth) {
        if (-not $seen.Add("$($day.Date)/$($day.IsLast)")) { throw "$What`: day $($day.Date) is listed twice" }
        if ($day.IsLast) { $last++ } elseif ($day.Date -lt 1 -or $day.Date -gt 28) {
            throw "$What`: day of the month $($day.Date) is out of range 1..28 (MaxAllowedDateInMonth)"
        }
    }
    if ($last -gt 1) { throw "$What`: IsLast is set on $last days" }
}

function Test-MockRetention($R) {
    if ($R -isnot [Microsoft.Azure.Commands.RecoveryServices.Backup.Cmdlets.Models.LongTermRetentionPolicy]) {
        throw "not an AzureVM retention: $($R.GetType().Name)"
    }
    if (-not ($R.IsDailyScheduleEnabled -or $R.IsWeeklyScheduleEnabled -or $R.IsMonthlyScheduleEnabled -or $R.IsYearlyScheduleEnabled)) {
        throw 'AllRetentionSchedulesEmptyException'
    }
    foreach ($level in 'Daily', 'Weekly', 'Monthly', 'Yearly') {
        if ($R."Is${level}ScheduleEnabled" -and $null -eq $R."${level}Schedule") { throw "${level}Schedule is null but enabled" }
    }
    if ($R.IsDailyScheduleEnabled) { Test-MockRange $R.DailySchedule.DurationCountInDays 7 9999 'DailySchedule.DurationCountInDays' }
    if ($R.IsWeeklyScheduleEnabled) {
        Test-MockRange $R.WeeklySchedule.DurationCountInWeeks 1 5163 'WeeklySchedule.DurationCountInWeeks'
        Test-MockDistinct $R.WeeklySchedule.DaysOfTheWeek 'WeeklySchedule.DaysOfTheWeek'
    }
    if ($R.IsMonthlyScheduleEnabled) {
        Test-MockRange $R.MonthlySchedule.DurationCountInMonths 1 1188 'MonthlySchedule.DurationCountInMonths'
        Test-MockFormat $R.MonthlySchedule 'MonthlySchedule'
    }
    if ($R.IsYearlyScheduleEnabled) {
        Test-MockRange $R.YearlySchedule.DurationCountInYears 1 99 'YearlySchedule.DurationCountInYears'
        Test-MockDistinct $R.YearlySchedule.MonthsOfYear 'YearlySchedule.MonthsOfYear'
        Test-MockFormat $R.YearlySchedule 'YearlySchedule'
    }
}

# PVAL: the schedule against the retention.
function Test-MockScheduleRetention($S, $R) {
    $freq = "$($S.ScheduleRunFrequency)"
    if ($freq -eq 'Daily' -and -not $R.IsDailyScheduleEnabled) { throw 'a daily schedule needs daily retention' }
    if ($freq -ne 'Weekly') { return }
    if ($R.IsDailyScheduleEnabled) { throw 'WeeklyRetentionScheduleNullException: IsDailyScheduleEnabled must be $false with a weekly schedule' }
    if (-not $R.IsWeeklyScheduleEnabled) { throw 'a weekly schedule needs weekly retention' }
    $days = ConvertTo-MockStrings (Get-MockScheduleDays $S)
    $kept = ConvertTo-MockStrings $R.WeeklySchedule.DaysOfTheWeek
    if ($kept.Count -ne $days.Count -or $kept.Where({ $_ -notin $days }).Count) {
        throw "WeeklySchedule.DaysOfTheWeek ($($kept -join ', ')) must be the schedule's days ($($days -join ', '))"
    }
    foreach ($level in 'Monthly', 'Yearly') {
        if (-not $R."Is${level}ScheduleEnabled") { continue }
        $x = $R."${level}Schedule"
        if ($x.RetentionScheduleFormatType -ne 'Weekly') { throw "${level}Schedule: the Daily format is not allowed with a weekly schedule" }
        foreach ($d in $x.RetentionScheduleWeekly.DaysOfTheWeek) {
            if ("$d" -notin $days) { throw "${level}Schedule: $d is not a day of the schedule" }
        }
    }
}

function Test-MockPolicyObjects($S, $R) {
    Test-MockSchedule $S
    Test-MockRetention $R
    Test-MockScheduleRetention $S $R
}

function Test-MockIsV2($S) { $S -is [Microsoft.Azure.Commands.RecoveryServices.Backup.Cmdlets.Models.SimpleSchedulePolicyV2] }

# The tiering a New or Set asks for with -MoveToArchiveTier (NEWCS, SETCS, VMPOL
# TieringPolicy.Validate); $Current without it.
function Get-MockTiering($Bound, $Current) {
    $tierParams = @(@('TieringMode', 'TierAfterDuration', 'TierAfterDurationType').Where({ $Bound.ContainsKey($_) }))
    if (-not $Bound.ContainsKey('MoveToArchiveTier')) { return $Current }   # -TieringMode alone is ignored
    $t = New-Object "$script:NS.TieringPolicy"
    if ($Bound.ContainsKey('MoveToArchiveTier') -and $Bound['MoveToArchiveTier'] -eq $false) {
        if ($tierParams) { throw "-MoveToArchiveTier `$false cannot be combined with -$($tierParams -join ', -')" }
        $t.TieringMode = 'DoNotTier'
        return $t
    }
    if (-not $Bound.ContainsKey('TieringMode')) { throw '-MoveToArchiveTier $true needs -TieringMode (the mock''s own rule)' }
    $t.TieringMode = $Bound['TieringMode']
    $t.TierAfterDuration = $Bound['TierAfterDuration']
    $t.TierAfterDurationType = $Bound['TierAfterDurationType']
    if ($t.TieringMode -eq 'TierAllEligible' -and ($null -eq $t.TierAfterDuration -or -not $t.TierAfterDurationType)) {
        throw 'MissingParameterTierAfterDuration: TierAllEligible needs -TierAfterDuration and -TierAfterDurationType'
    }
    if ($t.TieringMode -eq 'TierRecommended' -and $t.TierAfterDuration -gt 0) { throw 'InvalidParameterTierAfterDuration' }
    $t
}

# The service's checks of tiering against retention (PTEST messages).
function Test-MockTieringRetention($T, $R) {
    if ($null -eq $T -or $T.TieringMode -eq 'DoNotTier') { return }
    $months = 0
    if ($R.IsMonthlyScheduleEnabled) { $months = $R.MonthlySchedule.DurationCountInMonths }
    if ($R.IsYearlyScheduleEnabled) { $months = [Math]::Max($months, 12 * $R.YearlySchedule.DurationCountInYears) }
    if ($T.TieringMode -eq 'TierRecommended' -and $months -lt 9) {
        throw 'At least one of monthly or yearly retention should be >= 9 months'
    }
    if ($T.TieringMode -eq 'TierAllEligible' -and $T.TierAfterDurationType -eq 'Months' -and
        ($T.TierAfterDuration -lt 3 -or $months -lt $T.TierAfterDuration + 6)) {
        throw 'TierAfterDuration needs to be >= 3 months, at least one of monthly or yearly retention should be >= (TierAfterDuration + 6) months'
    }
}

# PROV ValidateInstantRPRetentionDays, and ENHDOC's limits at 4- and 6-hourly.
function Test-MockInstantRp($S, $Days) {
    $freq = "$($S.ScheduleRunFrequency)"
    if (-not (Test-MockIsV2 $S)) {
        if ($freq -eq 'Weekly' -and $Days -ne 5) { throw "SnapshotRetentionInDays $Days`: a Standard weekly policy keeps 5" }
        if ($freq -eq 'Daily') { Test-MockRange $Days 1 5 'SnapshotRetentionInDays' }
        return
    }
    Test-MockRange $Days ($(if ($freq -eq 'Weekly') { 5 } else { 1 })) 30 'SnapshotRetentionInDays'
    if ($freq -eq 'Hourly') {
        $max = @{ 4 = 17; 6 = 22 }[[int]$S.HourlySchedule.Interval]
        if ($max -and $Days -gt $max) { throw "SnapshotRetentionInDays $Days`: at most $max at $($S.HourlySchedule.Interval)-hourly" }
    }
}

# ---- objects <-> REST body (models.json restJsonShape) ---------------------------------------

function Format-MockTime([DateTime] $Time) {
    $Time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", $script:Inv)
}

function ConvertFrom-MockTime([string] $Text) {
    [DateTime]::Parse($Text, $script:Inv, [System.Globalization.DateTimeStyles]'AdjustToUniversal, AssumeUniversal')
}

function ConvertTo-MockStrings($List) { , [string[]]@(@($List).ForEach({ "$_" })) }

function ConvertTo-MockRestSchedule($S, [string] $Time) {
    $freq = "$($S.ScheduleRunFrequency)"
    if (-not (Test-MockIsV2 $S)) {
        $o = [ordered]@{ schedulePolicyType = 'SimpleSchedulePolicy'; scheduleRunFrequency = $freq; scheduleRunTimes = @($Time) }
        if ($freq -eq 'Weekly') { $o.scheduleRunDays = ConvertTo-MockStrings $S.ScheduleRunDays }
        return $o
    }
    $o = [ordered]@{ schedulePolicyType = 'SimpleSchedulePolicyV2'; scheduleRunFrequency = $freq }
    switch ($freq) {
        'Hourly' {
            $o.hourlySchedule = [ordered]@{ interval = $S.HourlySchedule.Interval; scheduleWindowStartTime = $Time
                scheduleWindowDuration = $S.HourlySchedule.WindowDuration }
        }
        'Daily' { $o.dailySchedule = [ordered]@{ scheduleRunTimes = @($Time) } }
        'Weekly' {
            $o.weeklySchedule = [ordered]@{ scheduleRunDays = ConvertTo-MockStrings $S.WeeklySchedule.ScheduleRunDays
                scheduleRunTimes = @($Time) }
        }
    }
    $o
}

function ConvertTo-MockRestLongTerm($X, [string] $Time, [int] $Count, [string] $Unit) {
    $o = [ordered]@{ retentionScheduleFormatType = "$($X.RetentionScheduleFormatType)" }
    if ($X.RetentionScheduleFormatType -eq 'Weekly') {
        $o.retentionScheduleWeekly = [ordered]@{
            daysOfTheWeek = ConvertTo-MockStrings $X.RetentionScheduleWeekly.DaysOfTheWeek
            weeksOfTheMonth = ConvertTo-MockStrings $X.RetentionScheduleWeekly.WeeksOfTheMonth
        }
    } else {
        $days = [System.Collections.Generic.List[object]]::new()
        foreach ($d in $X.RetentionScheduleDaily.DaysOfTheMonth) { $days.Add([ordered]@{ date = $d.Date; isLast = $d.IsLast }) }
        $o.retentionScheduleDaily = [ordered]@{ daysOfTheMonth = $days }
    }
    $o.retentionTimes = @($Time)
    $o.retentionDuration = [ordered]@{ count = $Count; durationType = $Unit }
    $o
}

function ConvertTo-MockRestRetention($R, [string] $Time) {
    $o = [ordered]@{ retentionPolicyType = 'LongTermRetentionPolicy' }
    if ($R.IsDailyScheduleEnabled) {
        $o.dailySchedule = [ordered]@{ retentionTimes = @($Time)
            retentionDuration = [ordered]@{ count = $R.DailySchedule.DurationCountInDays; durationType = 'Days' } }
    }
    if ($R.IsWeeklyScheduleEnabled) {
        $o.weeklySchedule = [ordered]@{ daysOfTheWeek = ConvertTo-MockStrings $R.WeeklySchedule.DaysOfTheWeek
            retentionTimes = @($Time)
            retentionDuration = [ordered]@{ count = $R.WeeklySchedule.DurationCountInWeeks; durationType = 'Weeks' } }
    }
    if ($R.IsMonthlyScheduleEnabled) {
        $o.monthlySchedule = ConvertTo-MockRestLongTerm $R.MonthlySchedule $Time $R.MonthlySchedule.DurationCountInMonths 'Months'
    }
    if ($R.IsYearlyScheduleEnabled) {
        $y = ConvertTo-MockRestLongTerm $R.YearlySchedule $Time $R.YearlySchedule.DurationCountInYears 'Years'
        $y.Insert(0, 'monthsOfYear', (ConvertTo-MockStrings $R.YearlySchedule.MonthsOfYear))
        $o.yearlySchedule = $y
    }
    $o
}

# The properties of the body New/Set sends (PROV CreatePolicy / ModifyPolicy):
# policyType 'V2' for a V2 schedule and none otherwise, the time zone from the
# schedule ('UTC' when null), retention times copied from the schedule time
# (WPH CopyScheduleTimeToRetentionTimes), the schedule's times as they are.
function ConvertTo-MockRestPolicy($S, $R, $InstantRp, $RgName, $RgSuffix, $Consistency, $Tiering, [bool] $AlwaysRg) {
    $time = Format-MockTime (Get-MockScheduleTime $S)
    $p = [ordered]@{
        backupManagementType = 'AzureIaasVM'
        timeZone = $(if ($S.ScheduleRunTimeZone) { $S.ScheduleRunTimeZone } else { 'UTC' })
        schedulePolicy = ConvertTo-MockRestSchedule $S $time
        retentionPolicy = ConvertTo-MockRestRetention $R $time
        instantRpRetentionRangeInDays = $InstantRp
    }
    if (Test-MockIsV2 $S) { $p.policyType = 'V2' }
    if ($null -ne $RgName -or $AlwaysRg) {  # Set sends the policy's own, even none: {} (PROV ModifyPolicy)
        $d = [ordered]@{}
        if ($null -ne $RgName) { $d.azureBackupRGNamePrefix = $RgName }
        if ($null -ne $RgSuffix) { $d.azureBackupRGNameSuffix = $RgSuffix }
        $p.instantRPDetails = $d
    }
    if ($Consistency) { $p.snapshotConsistencyType = $Consistency }
    if ($Tiering) {
        $mode = @{ TierAllEligible = 'TierAfter'; TierRecommended = 'TierRecommended'; DoNotTier = 'DoNotTier' }["$($Tiering.TieringMode)"]
        $a = [ordered]@{ tieringMode = $mode }
        if ($mode -eq 'TierAfter') {
            $a.duration = $Tiering.TierAfterDuration
            $a.durationType = $Tiering.TierAfterDurationType
        }
        $p.tieringPolicy = [ordered]@{ ArchivedRP = $a }
    }
    $p
}

function Add-MockList($List, $Values) { foreach ($v in @($Values)) { $List.Add($v) } }

# The module reads a stored schedule time as the clock in the policy's time
# zone and hands it to the script converted to UTC (ParseDateTimesToUTC in
# Azure/azure-powershell src/RecoveryServices/RecoveryServices.Backup.Helpers/
# Conversions/SchedulePolicyConversions.cs GetPSSimpleSchedulePolicy(V2);
# not the hourly window's start). New and Set send times as they are, so a
# schedule read back and sent again moves by the zone's offset.
function ConvertFrom-MockZoneTimes($Texts, [string] $TimeZone) {
    $out = [System.Collections.Generic.List[DateTime]]::new()
    foreach ($t in @($Texts)) {
        $time = ConvertFrom-MockTime $t
        if ($TimeZone) {
            $zone = [TimeZoneInfo]::FindSystemTimeZoneById($TimeZone)
            $time = [TimeZoneInfo]::ConvertTimeToUtc([DateTime]::SpecifyKind($time, [DateTimeKind]::Unspecified), $zone)
        }
        $out.Add($time)
    }
    , $out
}

# The days of a weekly schedule read back, moved as the module moves them when
# the conversion to UTC changed the day (by one day only, as it does).
function Add-MockShiftedDays($List, $Days, $Utc, [string] $Stored) {
    $offset = [int]$Utc.DayOfWeek - [int](ConvertFrom-MockTime $Stored).DayOfWeek
    foreach ($d in @($Days)) {
        $v = [int][DayOfWeek]$d
        if ($offset -eq -1) { $v = ($v + 6) % 7 } elseif ($offset -eq 1) { $v = ($v + 1) % 7 }
        $List.Add([DayOfWeek]$v)
    }
}

function ConvertFrom-MockRestSchedule($J, [string] $TimeZone) {
    $freq = $J['scheduleRunFrequency']
    if ($J['schedulePolicyType'] -eq 'SimpleSchedulePolicy') {
        $s = New-Object "$script:NS.SimpleSchedulePolicy"
        $s.ScheduleRunFrequency = $freq
        $s.ScheduleRunTimes = ConvertFrom-MockZoneTimes $J['scheduleRunTimes'] $TimeZone
        $s.ScheduleRunDays.Clear()
        if ($J['scheduleRunDays']) {
            Add-MockShiftedDays $s.ScheduleRunDays $J['scheduleRunDays'] $s.ScheduleRunTimes[0] $J['scheduleRunTimes'][0]
        }
        $s.ScheduleRunTimeZone = $TimeZone
        return $s
    }
    $s = New-Object "$script:NS.SimpleSchedulePolicyV2"
    $s.ScheduleRunFrequency = $freq
    $s.ScheduleRunTimeZone = $TimeZone
    if ($h = $J['hourlySchedule']) {
        $s.HourlySchedule = New-Object "$script:NS.HourlySchedule"
        $s.HourlySchedule.Interval = $h['interval']
        $s.HourlySchedule.WindowStartTime = ConvertFrom-MockTime $h['scheduleWindowStartTime']
        $s.HourlySchedule.WindowDuration = $h['scheduleWindowDuration']
    }
    if ($d = $J['dailySchedule']) {
        $s.DailySchedule = New-Object "$script:NS.DailySchedule"
        $s.DailySchedule.ScheduleRunTimes = ConvertFrom-MockZoneTimes $d['scheduleRunTimes'] $TimeZone
    }
    if ($w = $J['weeklySchedule']) {
        $s.WeeklySchedule = New-Object "$script:NS.WeeklySchedule"
        $s.WeeklySchedule.ScheduleRunTimes = ConvertFrom-MockZoneTimes $w['scheduleRunTimes'] $TimeZone
        $s.WeeklySchedule.ScheduleRunDays.Clear()
        Add-MockShiftedDays $s.WeeklySchedule.ScheduleRunDays $w['scheduleRunDays'] $s.WeeklySchedule.ScheduleRunTimes[0] $w['scheduleRunTimes'][0]
    }
    $s
}

function ConvertFrom-MockRestLongTerm($J, [string] $Class) {
    $x = New-Object "$script:NS.$Class"
    $x.RetentionScheduleFormatType = $J['retentionScheduleFormatType']
    if ($w = $J['retentionScheduleWeekly']) {
        $x.RetentionScheduleWeekly = New-Object "$script:NS.WeeklyRetentionFormat"
        Add-MockList $x.RetentionScheduleWeekly.DaysOfTheWeek $w['daysOfTheWeek']
        Add-MockList $x.RetentionScheduleWeekly.WeeksOfTheMonth $w['weeksOfTheMonth']
    }
    if ($d = $J['retentionScheduleDaily']) {
        $x.RetentionScheduleDaily = New-Object "$script:NS.DailyRetentionFormat"
        foreach ($day in $d['daysOfTheMonth']) {
            $o = New-Object "$script:NS.Day"
            $o.Date = $day['date']
            $o.IsLast = $day['isLast']
            $x.RetentionScheduleDaily.DaysOfTheMonth.Add($o)
        }
    }
    foreach ($t in $J['retentionTimes']) { $x.RetentionTimes.Add((ConvertFrom-MockTime $t)) }
    $x
}

function ConvertFrom-MockRestRetention($J) {
    $r = New-Object "$script:NS.LongTermRetentionPolicy"
    $r.IsDailyScheduleEnabled = $null -ne $J['dailySchedule']
    $r.IsWeeklyScheduleEnabled = $null -ne $J['weeklySchedule']
    $r.IsMonthlyScheduleEnabled = $null -ne $J['monthlySchedule']
    $r.IsYearlyScheduleEnabled = $null -ne $J['yearlySchedule']
    if ($d = $J['dailySchedule']) {
        $r.DailySchedule = New-Object "$script:NS.DailyRetentionSchedule"
        $r.DailySchedule.DurationCountInDays = $d['retentionDuration']['count']
        foreach ($t in $d['retentionTimes']) { $r.DailySchedule.RetentionTimes.Add((ConvertFrom-MockTime $t)) }
    }
    if ($w = $J['weeklySchedule']) {
        $r.WeeklySchedule = New-Object "$script:NS.WeeklyRetentionSchedule"
        $r.WeeklySchedule.DurationCountInWeeks = $w['retentionDuration']['count']
        Add-MockList $r.WeeklySchedule.DaysOfTheWeek $w['daysOfTheWeek']
        foreach ($t in $w['retentionTimes']) { $r.WeeklySchedule.RetentionTimes.Add((ConvertFrom-MockTime $t)) }
    }
    if ($m = $J['monthlySchedule']) {
        $r.MonthlySchedule = ConvertFrom-MockRestLongTerm $m 'MonthlyRetentionSchedule'
        $r.MonthlySchedule.DurationCountInMonths = $m['retentionDuration']['count']
    }
    if ($y = $J['yearlySchedule']) {
        $r.YearlySchedule = ConvertFrom-MockRestLongTerm $y 'YearlyRetentionSchedule'
        $r.YearlySchedule.DurationCountInYears = $y['retentionDuration']['count']
        Add-MockList $r.YearlySchedule.MonthsOfYear $y['monthsOfYear']
    }
    $r
}

# What Get-/New-…ProtectionPolicy return: the stored policy as an AzureVmPolicy.
function ConvertFrom-MockRestPolicy($Vault, $Entry) {
    $j = $Entry['properties']
    $p = New-Object "$script:NS.AzureVmPolicy"
    $p.Name = $Entry['name']
    $p.Id = (Get-MockVaultId $Vault) + '/backupPolicies/' + $Entry['name']
    $p.WorkloadType = 'AzureVM'
    $p.BackupManagementType = 'AzureVM'
    $p.PolicySubType = $(if ($j['policyType'] -eq 'V2') { 'Enhanced' } else { 'Standard' })
    $p.SchedulePolicy = ConvertFrom-MockRestSchedule $j['schedulePolicy'] $j['timeZone']
    $p.RetentionPolicy = ConvertFrom-MockRestRetention $j['retentionPolicy']
    $p.SnapshotRetentionInDays = $j['instantRpRetentionRangeInDays']
    # (a string property set to $null would hold '': set only what is there)
    if ($d = $j['instantRPDetails']) {
        if ($d.Contains('azureBackupRGNamePrefix')) { $p.AzureBackupRGName = $d['azureBackupRGNamePrefix'] }
        if ($d.Contains('azureBackupRGNameSuffix')) { $p.AzureBackupRGNameSuffix = $d['azureBackupRGNameSuffix'] }
    }
    if ($j.Contains('snapshotConsistencyType')) { $p.SnapshotConsistencyType = $j['snapshotConsistencyType'] }
    if ($j['tieringPolicy'] -and ($a = $j['tieringPolicy']['ArchivedRP'])) {
        $t = New-Object "$script:NS.TieringPolicy"
        $t.TieringMode = @{ TierAfter = 'TierAllEligible'; TierRecommended = 'TierRecommended'; DoNotTier = 'DoNotTier' }[$a['tieringMode']]
        if ($a['tieringMode'] -eq 'TierAfter') {
            $t.TierAfterDuration = $a['duration']
            $t.TierAfterDurationType = $a['durationType']
        }
        $p.TieringPolicy = $t
    }
    $p.ProtectedItemsCount = @($Vault['items']).Where({ $_['policy'] -eq $Entry['name'] }).Count
    $p
}

# ---- the cmdlets ----------------------------------------------------------------

$script:MockBodies['Set-AzContext'] = {
    param($Cmdlet, $Bound, $Call)
    if ($Cmdlet.ParameterSetName -ne 'Subscription') { throw 'the mock implements Set-AzContext -Subscription only' }
    $state = Read-MockState
    $sub = $Bound['Subscription']
    if ($state['subscriptions'] -cnotcontains $sub) {
        throw "Please provide a valid tenant or a valid subscription. ($sub)"
    }
    if (Test-MockShouldProcess $Cmdlet $Bound $Call $sub 'Set the Az context') {
        $state['context']['subscription'] = $sub
        Save-MockState $state
        $c = New-Object Microsoft.Azure.Commands.Profile.Models.Core.PSAzureContext
        $c.Subscription = New-Object Microsoft.Azure.Commands.Profile.Models.PSAzureSubscription
        $c.Subscription.Id = $sub
        $c
    }
}

$script:MockBodies['Get-AzContext'] = {
    param($Cmdlet, $Bound, $Call)
    if ($Cmdlet.ParameterSetName -ne 'GetSingleContext') { throw 'the mock implements Get-AzContext without parameters only' }
    $state = Read-MockState
    $sub = $state['context']['subscription']
    if ($sub) {     # not logged in: no context, no output
        $c = New-Object Microsoft.Azure.Commands.Profile.Models.Core.PSAzureContext
        $c.Subscription = New-Object Microsoft.Azure.Commands.Profile.Models.PSAzureSubscription
        $c.Subscription.Id = $sub
        $c
    }
}

$script:MockBodies['Get-AzRecoveryServicesVault'] = {
    param($Cmdlet, $Bound, $Call)
    $state = Read-MockState
    $found = @(foreach ($v in $state['vaults']) {
            if ($v['subscription'] -cne $state['context']['subscription']) { continue }
            if ($Bound.ContainsKey('ResourceGroupName') -and $v['resourceGroup'] -ne $Bound['ResourceGroupName']) { continue }
            if ($Bound.ContainsKey('Name') -and $v['name'] -ne $Bound['Name']) { continue }
            $v
        })
    if ($Bound.ContainsKey('Name') -and -not $found) {
        throw "ResourceNotFound: vault $($Bound['Name']) in resource group $($Bound['ResourceGroupName']) of subscription $($state['context']['subscription'])"
    }
    foreach ($v in $found) {
        $o = New-Object Microsoft.Azure.Commands.RecoveryServices.ARSVault
        $o.ID = Get-MockVaultId $v
        $o.Name = $v['name']
        $o.Type = 'Microsoft.RecoveryServices/vaults'
        $o.Location = $v['location']
        $o.ResourceGroupName = $v['resourceGroup']
        $o.SubscriptionId = $v['subscription']
        $o
    }
}

$script:MockBodies['Get-AzRecoveryServicesBackupProtectionPolicy'] = {
    param($Cmdlet, $Bound, $Call)
    $state = Read-MockState
    $vault = Get-MockVault $state $Bound
    Assert-MockAzureVM $Bound
    if ($Bound.ContainsKey('Name') -and -not (Find-MockPolicy $vault $Bound['Name'])) {
        throw "BMSUserErrorPolicyNotFound: policy $($Bound['Name'])"
    }
    foreach ($e in $vault['policies']) {
        if ($Bound.ContainsKey('Name') -and $e['name'] -ne $Bound['Name']) { continue }
        $p = ConvertFrom-MockRestPolicy $vault $e
        if ($Bound.ContainsKey('PolicySubType') -and $p.PolicySubType -ne $Bound['PolicySubType']) { continue }
        $p
    }
}

$script:MockBodies['Get-AzRecoveryServicesBackupSchedulePolicyObject'] = {
    param($Cmdlet, $Bound, $Call)
    Assert-MockAzureVM $Bound
    # Az 14.0.0 and later: Enhanced when -PolicySubType is left out (PWSH.md §1)
    $sub = $(if ($Bound.ContainsKey('PolicySubType')) { "$($Bound['PolicySubType'])" } else { 'Enhanced' })
    $freq = $(if ($Bound.ContainsKey('ScheduleRunFrequency')) { "$($Bound['ScheduleRunFrequency'])" } else { 'Daily' })
    New-MockSchedulePolicy $sub $freq
}

$script:MockBodies['Get-AzRecoveryServicesBackupRetentionPolicyObject'] = {
    param($Cmdlet, $Bound, $Call)
    Assert-MockAzureVM $Bound
    $freq = $(if ($Bound.ContainsKey('ScheduleRunFrequency')) { "$($Bound['ScheduleRunFrequency'])" } else { 'Daily' })
    New-MockRetentionPolicy $freq
}

# Checks and the body of New and Set; $Policy is Set's -Policy ($null for New).
function Get-MockPolicyBody($Bound, $S, $R, $Policy, $Stored) {
    if ($null -eq $S -or $null -eq $R) { throw 'an AzureVM policy needs -SchedulePolicy and -RetentionPolicy' }
    Test-MockPolicyObjects $S $R
    $v2 = Test-MockIsV2 $S
    if ($Stored -and ($Stored['properties']['policyType'] -eq 'V2') -ne $v2) {
        throw 'a policy cannot change between Standard and Enhanced (reference RULES A3)'
    }
    if ($Policy) {
        $instant = $Policy.SnapshotRetentionInDays
        Test-MockInstantRp $S $instant
        $consistency = $Policy.SnapshotConsistencyType
    } else {    # PROV CreatePolicy
        $instant = $(if ($v2) { 7 } elseif ($S.ScheduleRunFrequency -eq 'Weekly') { 5 } else { 2 })
        $consistency = $null
    }
    if ($Bound.ContainsKey('SnapshotConsistencyType')) {
        if (-not $v2) { throw 'SnapshotConsistencyTypeCantBeSetForStandardPolicy' }
        $consistency = $(if ($Bound['SnapshotConsistencyType'] -eq 'OnlyCrashConsistent') { 'OnlyCrashConsistent' } else { $null })
    }
    # PROV: -BackupSnapshotResourceGroup[Suffix] replace both, else Set sends the
    # policy's own (an empty string as it is: only $null is "none")
    $rg, $suffix = $Bound['BackupSnapshotResourceGroup'], $Bound['BackupSnapshotResourceGroupSuffix']
    if ($null -eq $rg -and $null -ne $suffix) {
        throw 'RequiredBackupSnapshotResourceGroup: a suffix needs -BackupSnapshotResourceGroup'
    }
    if ($null -eq $rg -and $Policy) { $rg, $suffix = $Policy.AzureBackupRGName, $Policy.AzureBackupRGNameSuffix }
    $tiering = Get-MockTiering $Bound $(if ($Policy) { $Policy.TieringPolicy })
    Test-MockTieringRetention $tiering $R
    ConvertTo-MockRestPolicy $S $R $instant $rg $suffix $consistency $tiering ($null -ne $Policy)
}

$script:MockBodies['New-AzRecoveryServicesBackupProtectionPolicy'] = {
    param($Cmdlet, $Bound, $Call)
    $state = Read-MockState
    $vault = Get-MockVault $state $Bound
    Assert-MockAzureVM $Bound
    $name = $Bound['Name']
    if (Find-MockPolicy $vault $name) { throw "PolicyAlreadyExistException: policy $name exists" }
    $body = Get-MockPolicyBody $Bound $Bound['SchedulePolicy'] $Bound['RetentionPolicy'] $null $null
    $Call['body'] = $body
    if (Test-MockShouldProcess $Cmdlet $Bound $Call $name 'Create backup policy') {
        $entry = [ordered]@{ name = $name; properties = $body }
        $vault['policies'] = @($vault['policies']) + , $entry
        Save-MockState $state
        ConvertFrom-MockRestPolicy $vault $entry
    }
}

$script:MockBodies['Set-AzRecoveryServicesBackupProtectionPolicy'] = {
    param($Cmdlet, $Bound, $Call)
    if ($Cmdlet.ParameterSetName -ne 'ModifyPolicyParamSet') { throw 'the mock implements ModifyPolicyParamSet only' }
    $state = Read-MockState
    $vault = Get-MockVault $state $Bound
    $pol = $Bound['Policy']
    if ($pol -isnot [Microsoft.Azure.Commands.RecoveryServices.Backup.Cmdlets.Models.AzureVmPolicy]) {
        throw "-Policy is a $($pol.GetType().Name), not an AzureVmPolicy"
    }
    $stored = Find-MockPolicy $vault $pol.Name
    if ($null -eq $stored) { throw "BMSUserErrorPolicyNotFound: policy $($pol.Name)" }
    $s = $(if ($Bound.ContainsKey('SchedulePolicy')) { $Bound['SchedulePolicy'] } else { $pol.SchedulePolicy })
    $r = $(if ($Bound.ContainsKey('RetentionPolicy')) { $Bound['RetentionPolicy'] } else { $pol.RetentionPolicy })
    $body = Get-MockPolicyBody $Bound $s $r $pol $stored
    $Call['body'] = $body
    if (Test-MockShouldProcess $Cmdlet $Bound $Call $pol.Name 'Update backup policy') {
        $stored['properties'] = $body
        Save-MockState $state
    }
}

function Get-MockDisks($Bound, $Current) {
    $given = @(@('InclusionDisksList', 'ExclusionDisksList', 'ExcludeAllDataDisks', 'ResetExclusionSettings').Where({
                $Bound.ContainsKey($_) }))
    if ($given.Count -gt 1) { throw "-$($given -join ' and -') cannot be combined (ValidateDiskExclusionParameters)" }
    if ($Bound.ContainsKey('InclusionDisksList')) { return [ordered]@{ setting = 'include'; luns = [string[]]$Bound['InclusionDisksList'] } }
    if ($Bound.ContainsKey('ExclusionDisksList')) { return [ordered]@{ setting = 'exclude'; luns = [string[]]$Bound['ExclusionDisksList'] } }
    if ($Bound.ContainsKey('ExcludeAllDataDisks')) { return [ordered]@{ setting = 'none'; luns = @() } }
    if ($Bound.ContainsKey('ResetExclusionSettings') -or $null -eq $Current) { return [ordered]@{ setting = 'all'; luns = @() } }
    $Current
}

$script:MockBodies['Enable-AzRecoveryServicesBackupProtection'] = {
    param($Cmdlet, $Bound, $Call)
    $state = Read-MockState
    $vault = Get-MockVault $state $Bound
    $policy = Find-MockPolicy $vault $Bound['Policy'].Name
    if ($null -eq $policy -or $Bound['Policy'].WorkloadType -ne 'AzureVM') { throw "BMSUserErrorPolicyNotFound: policy $($Bound['Policy'].Name)" }
    $count = @($vault['items']).Where({ $_['policy'] -eq $policy['name'] }).Count
    switch ($Cmdlet.ParameterSetName) {
        'AzureVMComputeEnableProtection' {
            $sub = $(if ($Bound['ContainerSubscriptionId']) { $Bound['ContainerSubscriptionId'] } else { $vault['subscription'] })
            $vm = @(@($state['vms']).Where({ $_['subscription'] -ceq $sub -and $_['resourceGroup'] -eq $Bound['ResourceGroupName'] -and $_['name'] -eq $Bound['Name'] }))
            if (-not $vm) { throw "ResourceNotFound: VM $($Bound['Name']) in resource group $($Bound['ResourceGroupName'])" }
            if ($vm[0]['location'] -ne $vault['location']) { throw 'the VM is not in the vault''s region' }
            foreach ($i in $vault['items']) {
                if ($i['subscription'] -ceq $sub -and $i['resourceGroup'] -eq $Bound['ResourceGroupName'] -and $i['vm'] -eq $Bound['Name']) {
                    throw "UserErrorVmAlreadyProtected: $($Bound['Name']) is protected already; change its policy with -Item"
                }
            }
            if ($count -ge 1000) { throw 'a policy protects at most 1000 VMs' }
            $item = [ordered]@{ subscription = $sub; resourceGroup = $vm[0]['resourceGroup']; vm = $vm[0]['name']
                policy = $policy['name']; disks = Get-MockDisks $Bound $null }
            if (Test-MockShouldProcess $Cmdlet $Bound $Call $Bound['Name'] 'Enable backup') {
                $vault['items'] = @($vault['items']) + , $item
                Save-MockState $state
            }
        }
        'ModifyProtection' {
            $it = $Bound['Item']
            if ($it -isnot [Microsoft.Azure.Commands.RecoveryServices.Backup.Cmdlets.Models.AzureVmItem]) { throw '-Item is not an AzureVM item' }
            $item = $null
            foreach ($i in $vault['items']) {
                if ((Get-MockVmId $i['subscription'] $i['resourceGroup'] $i['vm']) -eq $it.VirtualMachineId) { $item = $i }
            }
            if ($null -eq $item) { throw "ItemNotFound: $($it.Name)" }
            $old = Find-MockPolicy $vault $item['policy']
            if ($old -and $old['properties']['policyType'] -eq 'V2' -and $policy['properties']['policyType'] -ne 'V2') {
                throw 'a VM protected by an Enhanced policy cannot move to a Standard one (reference RULES A4)'
            }
            if ($item['policy'] -ne $policy['name'] -and $count -ge 1000) { throw 'a policy protects at most 1000 VMs' }
            $disks = Get-MockDisks $Bound $item['disks']
            if (Test-MockShouldProcess $Cmdlet $Bound $Call $it.Name 'Modify protection') {
                $item['policy'] = $policy['name']
                $item['disks'] = $disks
                Save-MockState $state
            }
        }
        default { throw "the mock does not implement Enable-AzRecoveryServicesBackupProtection's $_" }
    }
}

function ConvertTo-MockContainer($Item) {
    $c = New-Object "$script:NS.AzureVmContainer"
    $c.Name = 'iaasvmcontainerv2;{0};{1}' -f $Item['resourceGroup'], $Item['vm']
    $c.FriendlyName = $Item['vm']
    $c.ResourceGroupName = $Item['resourceGroup']
    $c.ContainerType = 'AzureVM'
    $c.BackupManagementType = 'AzureVM'
    $c.VirtualMachineId = Get-MockVmId $Item['subscription'] $Item['resourceGroup'] $Item['vm']
    $c
}

$script:MockBodies['Get-AzRecoveryServicesBackupContainer'] = {
    param($Cmdlet, $Bound, $Call)
    $state = Read-MockState
    $vault = Get-MockVault $state $Bound
    if ($Bound['ContainerType'] -ne 'AzureVM') { throw "the mock knows only -ContainerType AzureVM" }
    Assert-MockAzureVM $Bound
    foreach ($i in $vault['items']) {
        if ($Bound.ContainsKey('FriendlyName') -and $i['vm'] -ne $Bound['FriendlyName']) { continue }
        if ($Bound.ContainsKey('ResourceGroupName') -and $i['resourceGroup'] -ne $Bound['ResourceGroupName']) { continue }
        ConvertTo-MockContainer $i
    }
}

$script:MockBodies['Get-AzRecoveryServicesBackupItem'] = {
    param($Cmdlet, $Bound, $Call)
    $state = Read-MockState
    $vault = Get-MockVault $state $Bound
    Assert-MockAzureVM $Bound
    foreach ($i in $vault['items']) {
        $id = Get-MockVmId $i['subscription'] $i['resourceGroup'] $i['vm']
        # (a `continue` inside `switch` would only leave the switch)
        $set = $Cmdlet.ParameterSetName
        if ($set -eq 'GetItemsForContainer' -and $Bound['Container'].VirtualMachineId -ne $id) { continue }
        if ($set -eq 'GetItemsForPolicy' -and $Bound['Policy'].Name -ne $i['policy']) { continue }
        if ($Bound.ContainsKey('FriendlyName') -and $i['vm'] -ne $Bound['FriendlyName']) { continue }
        $o = New-Object "$script:NS.AzureVmItem"
        $o.Name = 'VM;iaasvmcontainerv2;{0};{1}' -f $i['resourceGroup'], $i['vm']
        $o.ContainerName = 'iaasvmcontainerv2;{0};{1}' -f $i['resourceGroup'], $i['vm']
        $o.WorkloadType = 'AzureVM'
        $o.BackupManagementType = 'AzureVM'
        $o.ProtectionPolicyName = $i['policy']
        $o.VirtualMachineId = $id
        $o.PolicyId = (Get-MockVaultId $vault) + '/backupPolicies/' + $i['policy']
        $o
    }
}

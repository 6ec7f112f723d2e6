# The net472 task under Visual Studio's .NET Framework MSBuild (found with vswhere), which the Linux test run
# cannot reach: pack the package, then build a consumer repository with MSBuild.exe, once generating and once
# verifying (CI=true). Run by .github/workflows/ci.yml on windows-latest; it cannot run on the Linux machine
# the rest of the tests use.
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = Split-Path -Parent $PSScriptRoot
$vswhere = Join-Path ${env:ProgramFiles(x86)} 'Microsoft Visual Studio\Installer\vswhere.exe'
$msbuild = & $vswhere -latest -products * -requires Microsoft.Component.MSBuild -find 'MSBuild\**\Bin\MSBuild.exe' | Select-Object -First 1
if (-not $msbuild) { throw 'vswhere found no MSBuild.exe' }
Write-Host "MSBuild: $msbuild"

$work = Join-Path ([IO.Path]::GetTempPath()) ("tpb-windows-" + [Guid]::NewGuid().ToString('N'))
$feed = Join-Path $work 'feed'
$version = '0.0.0-windows.' + (Get-Date -Format 'yyyyMMddHHmmss')
dotnet pack (Join-Path $root 'src/TrustedPublish.Build/TrustedPublish.Build.csproj') -c Release -o $feed -p:Version=$version -nodeReuse:false
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }

$consumer = Join-Path $work 'consumer'
New-Item -ItemType Directory -Path $consumer | Out-Null
git -C $consumer init -q
git -C $consumer remote add origin https://github.com/Acme-Org/widget.git
Set-Content -Path (Join-Path $consumer 'NuGet.config') -Value "<configuration><packageSources><clear /><add key=`"local`" value=`"$feed`" /><add key=`"nuget.org`" value=`"https://api.nuget.org/v3/index.json`" /></packageSources></configuration>"
Set-Content -Path (Join-Path $consumer 'package.json') -Value "{`n  `"name`": `"@acme/widget`",`n  `"version`": `"1.0.0`"`n}`n" -NoNewline
Set-Content -Path (Join-Path $consumer 'widget.csproj') -Value @"
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net472</TargetFramework></PropertyGroup>
  <ItemGroup><PackageReference Include="TrustedPublish.Build" Version="$version" PrivateAssets="all" /></ItemGroup>
</Project>
"@
$env:NUGET_PACKAGES = Join-Path $work 'packages'
Remove-Item Env:CI, Env:GITHUB_ACTIONS -ErrorAction SilentlyContinue
& $msbuild (Join-Path $consumer 'widget.csproj') -restore -nodeReuse:false -v:m
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
if (-not (Test-Path (Join-Path $consumer '.github/workflows/publish.yml'))) { throw 'the net472 task did not generate publish.yml' }
$env:CI = 'true'
& $msbuild (Join-Path $consumer 'widget.csproj') -nodeReuse:false -v:m
exit $LASTEXITCODE

import FrontierSettings

/// A sweep specification that cannot run, with the path of the offending field
/// (`parameters.alpha.linspace.num`, `jobs[1].kind`): the settings error every
/// settings tree reports.
public typealias SweepSpecError = SettingsError

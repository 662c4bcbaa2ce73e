import FrontierSupport

/// The command-line tool's name for the one JSON convention (it lives in FrontierSupport,
/// shared with the web view).
typealias JSONOutput = FrontierSupport.JSONOutput

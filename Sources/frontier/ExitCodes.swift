import ArgumentParser
import Foundation
import FrontierCluster

/// The exit status of every `frontier` command, in one place (documented in README.md):
///
/// | status | meaning |
/// |---|---|
/// | 0  | success |
/// | 1  | runtime error: the command line was fine, the work failed (a refused sweep, a bad file, a store error) |
/// | 64 | usage error: a bad option or argument (printed with the usage text) |
/// | 69 | the coordinator did not answer (not running, unreachable, or CURVE keys that do not match) |
enum ExitCodes {
    static let success: Int32 = 0
    static let runtimeError: Int32 = 1
    static let usage: Int32 = 64
    static let unavailable: Int32 = 69

    /// The status and the message for an error a command threw; nil leaves it to
    /// ArgumentParser (usage errors, help, `CleanExit`, `ExitCode`).
    static func classify(_ error: Error) -> (status: Int32, message: String)? {
        switch error {
        case let error as CoordinatorUnreachable: (unavailable, error.description)
        case let error as RuntimeFailure: (runtimeError, error.description)
        case let error as KeyProblem: (runtimeError, error.description)
        case let error as ClusterClient.ClientError:
            if case .timedOut = error { (unavailable, error.description) } else { (runtimeError, error.description) }
        case is ValidationError, is CleanExit, is ExitCode: nil
        default:
            // Anything else a command threw is a runtime error unless ArgumentParser made it.
            String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") ? nil : (runtimeError, "\(error)")
        }
    }

    /// Prints `Error: message` on standard error (no usage text) and exits with `status`.
    static func exit(_ status: Int32, _ message: String) -> Never {
        FileHandle.standardError.write(Data("Error: \(message)\n".utf8))
        Foundation.exit(status)
    }
}

/// The work a command was asked to do failed (the command line itself was fine).
struct RuntimeFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The coordinator gave no answer in time.
struct CoordinatorUnreachable: Error, CustomStringConvertible {
    let description: String
}

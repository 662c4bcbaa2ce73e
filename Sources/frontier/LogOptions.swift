import ArgumentParser
import Foundation
import Logging

/// `--log-level` and `--log-format`, shared by the long-running roles (coordinator, worker).
struct LogOptions: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        /// `12:00:01 coordinator [info] message`
        case text
        /// One JSON object a line: `time`, `level`, `role`, `message`.
        case json
    }

    @Option(help: ArgumentHelp("Least severe messages logged: trace, debug, info, notice, warning, error, critical.",
                               valueName: "level"))
    var logLevel: Logger.Level = .info

    @Option(help: "Log lines as text, or as one JSON object a line (for log collectors).")
    var logFormat: Format = .text

    /// Routes swift-log to standard error in the chosen format and returns the role's logger.
    func bootstrap(role: String) -> Logger {
        let level = logLevel, format = logFormat
        LoggingSystem.bootstrap { _ in StandardErrorLogHandler(role: role, format: format, logLevel: level) }
        return Logger(label: "frontier.\(role)")
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

/// Writes one line per message on standard error, as text or JSON.
struct StandardErrorLogHandler: LogHandler {
    let role: String
    let format: LogOptions.Format
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    init(role: String, format: LogOptions.Format, logLevel: Logger.Level) {
        self.role = role
        self.format = format
        self.logLevel = logLevel
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let (level, message, extra) = (event.level, event.message, event.metadata)
        let now = Date()
        let merged = metadata.merging(extra ?? [:]) { $1 }
        let text: String
        switch format {
        case .text:
            let stamp = ISO8601DateFormatter.string(from: now, timeZone: .current,
                                                    formatOptions: [.withTime, .withColonSeparatorInTime])
            let context = merged.isEmpty ? "" : " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                .joined(separator: " ")
            // Info is the ordinary case; other levels are named.
            let tag = level == .info ? "" : "[\(level)] "
            text = "\(stamp) \(role): \(tag)\(message)\(context)\n"
        case .json:
            var object: [String: String] = ["time": ISO8601DateFormatter().string(from: now), "level": "\(level)",
                                            "role": role, "message": "\(message)"]
            for (key, value) in merged where object[key] == nil { object[key] = "\(value)" }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
                ?? Data("{}".utf8)
            text = String(decoding: data, as: UTF8.self) + "\n"
        }
        FileHandle.standardError.write(Data(text.utf8))
    }
}

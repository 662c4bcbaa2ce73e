import Foundation
import FrontierSettings

/// What explainers and property metrics share: a registry name, a one-line summary and a
/// settings type with defaults and validation.
public protocol Plugin: Sendable {
    associatedtype Settings: PluginSettings
    /// The registry name (snake_case), as sweeps and the command line write it.
    static var name: String { get }
    /// One line saying what it computes.
    static var summary: String { get }
    var settings: Settings { get }
    /// The plug-in with settings that `validate` has accepted.
    init(validated settings: Settings)
}

extension Plugin {
    /// The plug-in with `settings`, or an error naming the first bad field.
    public init(settings: Settings) throws(ExplainError) {
        try settings.validate(for: Self.name)
        self.init(validated: settings)
    }

    /// The plug-in with its default settings.
    public init() {
        self.init(validated: Settings())
    }

    /// The plug-in with settings read from a tree (`.null`: the defaults), refusing fields
    /// it does not know; errors name the path (`explainers[1].settings.samples`).
    public init(tree: SettingValue, at path: String) throws(SettingsError) {
        self.init(validated: try Settings.read(tree, at: path))
    }
}

/// Plug-ins by name: adding one is one line in its registry.
public struct PluginRegistry<Made: Sendable>: Sendable {
    /// One plug-in type.
    public struct Entry: Sendable {
        public let name: String
        public let summary: String
        /// Its default settings.
        public let defaultSettings: SettingValue
        /// The field names its settings read.
        public let knownSettings: Set<String>
        let make: @Sendable (SettingValue, String) throws(SettingsError) -> Made
    }

    /// What the registry holds ("explainer", "metric"), for error messages.
    public let noun: String
    private let entries: [String: Entry]

    public init(_ noun: String, _ entries: [Entry]) {
        self.noun = noun
        var byName: [String: Entry] = [:]
        for e in entries {
            precondition(byName[e.name] == nil, "two \(noun)s are named \(e.name)")
            byName[e.name] = e
        }
        self.entries = byName
    }

    public var names: [String] { entries.keys.sorted() }

    public subscript(name: String) -> Entry? { entries[name] }

    /// The plug-in `name` with settings read from `settings` (`.null`: the defaults);
    /// errors name the path under `path` (which names the plug-in itself when unknown).
    public func make(_ name: String, settings: SettingValue = .null, at path: String = "") throws(SettingsError) -> Made {
        guard let entry = entries[name] else {
            throw SettingsError(path: path, "unknown \(noun) '\(name)' (known: \(names.joined(separator: ", ")))")
        }
        return try entry.make(settings, path)
    }
}

extension PluginRegistry.Entry {
    /// The entry of plug-in type `type`, made into `Made` by `wrap`.
    public init<P: Plugin>(_ type: P.Type, wrap: @escaping @Sendable (P) -> Made) {
        self.init(name: P.name, summary: P.summary, defaultSettings: P.Settings().tree,
                  knownSettings: P.Settings.knownSettings,
                  make: { (tree: SettingValue, path: String) throws(SettingsError) -> Made in wrap(try P(tree: tree, at: path)) })
    }
}

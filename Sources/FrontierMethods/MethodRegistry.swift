import FrontierData
import FrontierML
import FrontierSettings

/// The training methods a process knows, by name.
public struct MethodRegistry: Sendable {
    public private(set) var methods: [String: any TrainingMethod] = [:]

    public init(_ methods: [any TrainingMethod]) {
        for m in methods { self.methods[m.name] = m }
    }

    /// Every method Frontier ships. Adding a method: its file, and one entry here.
    public static let standard = MethodRegistry([
        JointMethod(),
        SingleTaskMethod(),
        LinearMethod(),
        MGDAMethod(),
        EPOMethod(),
        TchebycheffMethod(),
        BilevelMethod(),
    ])

    public subscript(name: String) -> (any TrainingMethod)? { methods[name] }

    /// Method names, sorted.
    public var names: [String] { methods.keys.sorted() }

    /// The method called `name`, or an error listing the known ones.
    public func method(named name: String, at path: String = "method") throws(SettingsError) -> any TrainingMethod {
        guard let method = methods[name] else {
            throw SettingsError(path: path, "unknown method '\(name)'; known methods: \(names.joined(separator: ", "))")
        }
        return method
    }
}

extension TrainingMethod {
    /// Reads this method's settings from `reader` (an existential-friendly entry point).
    public func readSettings(_ reader: inout SettingsReader) throws(SettingsError) -> any MethodSettings {
        try Settings(&reader)
    }

    /// Fits with settings read by `readSettings`.
    public func fit(anySettings settings: any MethodSettings, seed: UInt64, on dataset: Dataset,
                    onEpoch: (EpochReport) -> TrainingControl) throws(MethodError) -> FittedMethod {
        guard let own = settings as? Settings else {
            throw MethodError("\(name) was given another method's settings (\(type(of: settings)))")
        }
        return try fit(own, seed: seed, on: dataset, onEpoch: onEpoch)
    }
}

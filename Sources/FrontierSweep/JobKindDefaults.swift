import FrontierSettings

/// Optional parts of a job kind, with defaults, so a kind implements only what it needs.
extension JobKind {
    /// Swept parameters every job of this kind must give (`joint` needs `alpha`). Default: none.
    public var requiredParameters: Set<String> { [] }

    /// Default: nil, every shared setting is passed on (and the kind refuses what it does not know).
    public var knownSettings: Set<String>? { nil }

    /// Checks one swept value at submit time. The default checks `sweptParameters`'
    /// range; a kind overrides it for finer rules (joint's alpha lies strictly inside (0, 1)).
    public func validate(parameter name: String, value: Double, at path: String) throws(SweepSpecError) {
        guard let range = sweptParameters[name] else {
            throw SweepSpecError(path: path, "\(self.name) does not sweep '\(name)'")
        }
        guard range.contains(value) else {
            throw SweepSpecError(path: path, "\(value) is outside \(name)'s range \(range.lowerBound)...\(range.upperBound)")
        }
    }

    /// The objectives a sweep of this kind on `dataset` uses when the spec names none.
    /// Default: every objective the kind reports, minimised, in name order.
    public func defaultObjectives(for dataset: SweepDataset) -> [String] {
        objectives.sorted()
    }

    /// No default reference value: a sweep of this kind gives `reference_point` in its spec.
    public func referenceValue(forObjective name: String, dataset: String) -> Double? { nil }

    /// Default: the settings and each value were checked on their own; nothing more.
    public func validate(settings: SettingValue, parameters: [String: [Double]], at path: String) throws(SweepSpecError) {}
}

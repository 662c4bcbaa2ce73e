import FrontierPareto

extension SweepSpec {
    /// The hypervolume reference point, fixed at submit so the hypervolume of a running
    /// sweep moves only when the front does: each objective's value from the spec's
    /// `reference_point`, else from the job kinds' defaults (the least demanding one
    /// when several kinds give one). An objective with neither is an error.
    static func parseReferencePoint(_ node: SpecNode?, objectives: [Objective], kinds: [any JobKind],
                                    dataset: String) throws(SweepSpecError) -> [String: Double] {
        var point: [String: Double] = [:]
        if let node {
            let entries = try node.map(at: "reference_point", allowed: objectives.map(\.name))
            for (name, value) in entries { point[name] = try value.number(at: "reference_point.\(name)") }
        }
        for objective in objectives where point[objective.name] == nil {
            let defaults = kinds.compactMap { $0.referenceValue(forObjective: objective.name, dataset: dataset) }
            guard let loosest = objective.direction == .minimize ? defaults.max() : defaults.min() else {
                throw SweepSpecError(path: "reference_point.\(objective.name)",
                                     "required: no job kind of this sweep has a default reference value for it")
            }
            point[objective.name] = loosest
        }
        return point
    }
}

/// What identifies a row of a front: results with the same dataset, label and
/// parameters are replicates of one setting and are averaged together.
public struct FrontRowKey: Codable, Sendable, Hashable, Comparable {
    /// Dataset name.
    public var dataset: String
    /// Method label (`stl`, `mtl`, ...).
    public var label: String
    /// Hyper-parameters; empty for the baseline.
    public var parameters: [String: Double]

    /// A key from its parts.
    public init(dataset: String, label: String, parameters: [String: Double] = [:]) {
        self.dataset = dataset
        self.label = label
        self.parameters = parameters
    }

    /// Parameters as (name, value) pairs sorted by name: dictionaries have no
    /// stable order, and tables, exports and snapshots must be deterministic.
    public var sortedParameters: [(name: String, value: Double)] {
        parameters.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
    }

    /// Ordered by dataset, then label, then parameters (by name, then value), so
    /// an alpha sweep lists in increasing alpha.
    public static func < (a: FrontRowKey, b: FrontRowKey) -> Bool {
        if a.dataset != b.dataset { return a.dataset < b.dataset }
        if a.label != b.label { return a.label < b.label }
        let pa = a.sortedParameters, pb = b.sortedParameters
        for (x, y) in zip(pa, pb) {
            if x.name != y.name { return x.name < y.name }
            if x.value != y.value { return x.value < y.value }
        }
        return pa.count < pb.count
    }

    /// A short human name for plots and tables: the label and the parameters
    /// (`joint α=0.3`, Greek for the usual names; `lime kernel_width=3, samples=500`),
    /// or the label alone (`stl`), so points of different labels never look alike.
    public var displayName: String {
        guard !parameters.isEmpty else { return label }
        return "\(label) " + sortedParameters.map { "\(Self.symbol($0.name))=\(Self.format($0.value))" }
            .joined(separator: ", ")
    }

    private static func symbol(_ name: String) -> String {
        switch name {
        case "alpha": return "α"
        case "beta": return "β"
        case "gamma": return "γ"
        case "lambda": return "λ"
        case "width_multiplier": return "width"
        default: return name
        }
    }

    /// Shortest decimal that round-trips, without a trailing `.0` for integers.
    static func format(_ value: Double) -> String {
        if value.isFinite && value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}

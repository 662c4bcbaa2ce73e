import FrontierExplain
import FrontierML

/// POE's own account of an explanation in `frontier explain`: its lambdas, Table 2's losses
/// of the attributions under POE's similarities (which `--metric` cannot give: the metrics
/// use their own default similarities) and the weighted objective it minimised.
struct POELossReport: Encodable {
    var weights: [String: Double]
    var losses: [String: Double]
    var objective: Double

    /// The report for a POE explanation (the first set of attributions), nil for other explainers.
    init?(_ explainer: any Explainer, explanation: Explanation, rows: Matrix, network: NetworkModel) throws {
        guard let poe = explainer as? POEExplainer, let attributions = explanation.attributions.first else { return nil }
        var metered = MeteredModel(network)
        let objective = poe.settings.objective
        let values = try objective.losses(of: attributions, rows: rows, model: &metered)
        weights = Dictionary(uniqueKeysWithValues: objective.weights.named.map { ($0.key, $0.value) })
        losses = Dictionary(uniqueKeysWithValues: values.named.map { ($0.key, $0.value) })
        self.objective = objective.weights.total(values)
    }

    /// One line: the objective as its weighted terms, then every loss.
    var text: String {
        let order = PropertyValues.CodingKeys.allCases.map(\.stringValue)
        let terms = order.filter { (weights[$0] ?? 0) > 0 }.map { String(format: "%g x %@ %.4g", weights[$0]!, $0, losses[$0] ?? 0) }
        return String(format: "POE objective %.4g = ", objective) + terms.joined(separator: " + ")
            + "\nTable 2 losses (sums over the rows, POE's similarities): "
            + order.map { String(format: "%@ %.4g", $0, losses[$0] ?? 0) }.joined(separator: ", ")
    }
}

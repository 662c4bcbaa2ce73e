import Foundation

/// A label a job kind writes into its job spec (a JSON object with a string field
/// `front_label`) so its points group on the front by something other than the kind's name:
/// the `explain` kind's points are labelled by explainer, so one front compares explainers.
/// The cluster reads it back from the stored spec, so the label survives restarts.
public enum JobSpecLabel {
    /// The job spec's field that holds the label.
    public static let field = "front_label"

    /// The label in `jobSpec`, or nil when it is not a JSON object with a non-empty `front_label` string.
    public static func read(_ jobSpec: Data) -> String? {
        guard jobSpec.first == UInt8(ascii: "{"),
              let object = try? JSONSerialization.jsonObject(with: jobSpec) as? [String: Any],
              let label = object[field] as? String, !label.isEmpty else { return nil }
        return label
    }
}

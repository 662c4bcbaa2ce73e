/// The version of the Frontier wire protocol a peer speaks, stamped on every `Envelope`.
///
/// Peers interoperate when their MAJOR versions are equal. A minor bump only adds optional
/// fields and messages, which an older peer ignores (unknown fields) or refuses politely
/// (`UNKNOWN_MESSAGE`), so any minor of the same major is accepted.
public struct ProtocolVersion: Sendable, Hashable, CustomStringConvertible {
    /// Incompatible changes bump this; peers with different majors refuse each other.
    public var major: UInt32
    /// Compatible additions bump this; never a reason to refuse a peer.
    public var minor: UInt32

    /// Creates a version from its two components.
    public init(major: UInt32, minor: UInt32) {
        self.major = major
        self.minor = minor
    }

    /// The version this build of Frontier speaks. 1.3 added `ShardInfo.recipe_sha256`,
    /// `TaskAssign.recipe_sha256` and the `SweepResultsRequest` → `SweepResults` exchange;
    /// 1.2 added `Heartbeat.leaving`, `TaskFailure.released`, `SweepStatus.publish_endpoint`,
    /// the status counts and `SWEEP_STATE_DONE_WITH_FAILURES`, `FrontRow.last_task_id` and
    /// `FrontUpdate.reference_point`, and changed behaviour (see proto-schema/README.md).
    public static let current = ProtocolVersion(major: 1, minor: 3)

    /// Whether a message from a peer speaking `peer` can be understood by a peer speaking `self`.
    public func accepts(_ peer: ProtocolVersion) -> Bool {
        peer.major == major
    }

    /// "major.minor", e.g. "1.0".
    public var description: String { "\(major).\(minor)" }
}

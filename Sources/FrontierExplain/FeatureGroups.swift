import Foundation

/// A partition of a model's input features into the units an explanation speaks of: the
/// user's columns (a categorical's one-hot columns together), an image's patches, or one
/// group per feature. Masking explainers (FEX) keep or remove whole groups.
public struct FeatureGroups: Equatable, Sendable {
    /// One name per group (the column, `patch_<row>_<col>`, or the feature's name).
    public let names: [String]
    /// The features of each group, in increasing order.
    public let members: [[Int]]
    /// The group of each feature.
    public let groupOfFeature: [Int]

    /// Groups in their order; every feature `0..<featureCount` must be in exactly one.
    public init(names: [String], members: [[Int]], featureCount: Int) throws(ExplainError) {
        guard names.count == members.count else {
            throw ExplainError("feature groups: \(names.count) names for \(members.count) groups")
        }
        var owner = [Int](repeating: -1, count: featureCount)
        for (g, features) in members.enumerated() {
            guard !features.isEmpty else { throw ExplainError("feature groups: group '\(names[g])' has no features") }
            for f in features {
                guard f >= 0 && f < featureCount else {
                    throw ExplainError("feature groups: group '\(names[g])' names feature \(f), outside 0..<\(featureCount)")
                }
                guard owner[f] < 0 else {
                    throw ExplainError("feature groups: feature \(f) is in both '\(names[owner[f]])' and '\(names[g])'")
                }
                owner[f] = g
            }
        }
        if let missing = owner.firstIndex(of: -1) {
            throw ExplainError("feature groups: feature \(missing) is in no group")
        }
        self.names = names
        self.members = members.map { $0.sorted() }
        self.groupOfFeature = owner
    }

    /// One group per feature, named `x0`, `x1`, ...
    public static func singletons(featureCount: Int) -> FeatureGroups {
        try! FeatureGroups(names: (0..<featureCount).map { "x\($0)" }, members: (0..<featureCount).map { [$0] },
                           featureCount: featureCount)
    }

    /// Groups derived from the feature names a dataset gives its columns:
    /// - `pixel_<row>_<col>` for every feature: square patches of `patchSide` pixels (nil:
    ///   2 on images up to 16 pixels wide, such as 8 x 8 digits, else 4, so a 28 x 28 MNIST
    ///   image has 49 patches), named `patch_<row>_<col>` by patch position;
    /// - otherwise a one-hot column `column=category` joins the other categories of
    ///   `column` (split at the first `=`), and any other feature is a group of its own.
    public static func inferred(featureNames: [String], patchSide: Int? = nil) throws(ExplainError) -> FeatureGroups {
        guard !featureNames.isEmpty else { throw ExplainError("feature groups: no feature names") }
        let pixels = featureNames.map(Self.pixel(_:))
        if pixels.allSatisfy({ $0 != nil }) {
            return try patches(pixels.map { $0! }, patchSide: patchSide)
        }
        var order: [String] = []
        var members: [String: [Int]] = [:]
        for (f, name) in featureNames.enumerated() {
            let column = name.firstIndex(of: "=").map { String(name[..<$0]) } ?? name
            if members[column] == nil { order.append(column) }
            members[column, default: []].append(f)
        }
        return try FeatureGroups(names: order, members: order.map { members[$0]! }, featureCount: featureNames.count)
    }

    public var count: Int { names.count }
    public var featureCount: Int { groupOfFeature.count }

    /// `(row, col)` of a `pixel_<row>_<col>` name.
    private static func pixel(_ name: String) -> (Int, Int)? {
        let parts = name.split(separator: "_")
        guard parts.count == 3, parts[0] == "pixel", let r = Int(parts[1]), let c = Int(parts[2]), r >= 0, c >= 0 else { return nil }
        return (r, c)
    }

    private static func patches(_ pixels: [(Int, Int)], patchSide: Int?) throws(ExplainError) -> FeatureGroups {
        let width = (pixels.map(\.1).max() ?? 0) + 1
        let side = patchSide ?? (width <= 16 ? 2 : 4)
        guard side >= 1 else { throw ExplainError("feature groups: the patch side must be at least 1 (got \(side))") }
        var order: [String] = []
        var members: [String: [Int]] = [:]
        let keyed = pixels.enumerated().map { (f, p) in (f, p.0 / side, p.1 / side) }
        // Patches in row-major order of their position, whatever the order of the pixels.
        for (f, pr, pc) in keyed.sorted(by: { ($0.1, $0.2, $0.0) < ($1.1, $1.2, $1.0) }) {
            let name = "patch_\(pr)_\(pc)"
            if members[name] == nil { order.append(name) }
            members[name, default: []].append(f)
        }
        return try FeatureGroups(names: order, members: order.map { members[$0]! }, featureCount: pixels.count)
    }
}

extension FeatureGroups: Codable {
    enum CodingKeys: String, CodingKey { case names, members, featureCount = "feature_count" }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        do {
            try self.init(names: try c.decode([String].self, forKey: .names), members: try c.decode([[Int]].self, forKey: .members),
                          featureCount: try c.decode(Int.self, forKey: .featureCount))
        } catch let error as ExplainError {
            throw DecodingError.dataCorruptedError(forKey: .members, in: c, debugDescription: error.description)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(names, forKey: .names)
        try c.encode(members, forKey: .members)
        try c.encode(featureCount, forKey: .featureCount)
    }
}

import Foundation
import FrontierML
import FrontierSettings

/// A dataset generated from a seed, with no files: the quick demo's and the fast
/// tests' data. Both targets are non-linear, so a black box beats a linear model
/// and the accuracy-versus-fidelity trade-off is real.
public struct SyntheticDataset: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// label = [x0·x1 + sin(2·x2) + 0.5·x3 − 0.3·x4² + noise > 0]
        case classification
        /// y = sin(2·x0) + x1·x2 + 0.5·x3 − 0.3·x4² + 0.1·noise, standardised
        case regression
    }

    public var kind: Kind
    public var trainRows: Int
    public var testRows: Int
    /// Feature count (at least 5; features past the fifth are pure noise).
    public var features: Int
    public var seed: UInt64

    /// The catalogue name, `synthetic-<kind>` unless a generator file names it.
    public var name: String

    public init(kind: Kind, trainRows: Int = 4000, testRows: Int = 1000, features: Int = 8, seed: UInt64 = 7,
                name: String? = nil) {
        precondition(features >= 5 && trainRows > 0 && testRows > 0, "a synthetic dataset needs 5+ features and rows")
        self.name = name ?? "synthetic-\(kind.rawValue)"
        self.kind = kind
        self.trainRows = trainRows
        self.testRows = testRows
        self.features = features
        self.seed = seed
    }

    public var summary: String {
        switch kind {
        case .classification: return "built-in, no files: non-linear binary labels on \(features) Gaussian features"
        case .regression: return "built-in, no files: non-linear regression on \(features) Gaussian features"
        }
    }

    public var provenance: String {
        "synthetic \(kind.rawValue): \(trainRows) train + \(testRows) test rows, \(features) features, seed \(seed)"
    }

    /// The rows, generated from the seed.
    public func generate() -> Dataset { generateScaled().dataset }

    /// The rows and, for regression, the training mean and deviation the target was standardised with.
    private func generateScaled() -> (dataset: Dataset, targetScale: (mean: Double, deviation: Double)?) {
        var generator = SeededGenerator(seed: seed).derived("synthetic-\(kind.rawValue)")
        let total = trainRows + testRows
        let x = Matrix(rows: total, cols: features, scalars: generator.normals(total * features))
        var y = [Float](repeating: 0, count: total)
        for r in 0..<total {
            let v = x.row(r)
            let b = v.startIndex
            let noise = Float(generator.nextNormal())
            switch kind {
            case .classification:
                let score = v[b] * v[b + 1] + Float(sin(2 * Double(v[b + 2]))) + 0.5 * v[b + 3]
                    - 0.3 * v[b + 4] * v[b + 4] + 0.3 + 0.3 * noise
                y[r] = score > 0 ? 1 : 0
            case .regression:
                y[r] = Float(sin(2 * Double(v[b]))) + v[b + 1] * v[b + 2] + 0.5 * v[b + 3]
                    - 0.3 * v[b + 4] * v[b + 4] + 0.1 * noise
            }
        }
        var targetScale: (mean: Double, deviation: Double)?
        if kind == .regression {
            let (mean, std) = DatasetRecipe.meanAndDeviation(y[..<trainRows].map(Double.init))
            targetScale = (mean, std)
            y = y.map { Float((Double($0) - mean) / std) }
        }
        let all = LabeledSamples(features: x, targets: Matrix(column: y))
        let dataset = Dataset(name: name, task: kind == .classification ? .binaryClassification : .regression,
                              featureNames: (0..<features).map { "x\($0)" },
                              train: all.subset(0..<trainRows), test: all.subset(trainRows..<total),
                              targetScale: targetScale.map { (Float($0.mean), Float($0.deviation)) },
                              classLabels: kind == .classification ? ["0", "1"] : nil)
        return (dataset, targetScale)
    }
}

extension SyntheticDataset {
    /// The rows with their (identity) preprocessing: the features are already numbers; the
    /// target is 0/1 or standardised with the training rows' mean and deviation.
    public func generatePrepared() -> PreparedDataset {
        let (dataset, scale) = generateScaled()
        let target = kind == .classification
            ? FittedTarget(column: ShardSplitter.syntheticTarget, kind: .binary, classLabels: ["0", "1"], positive: "1", negative: "0")
            : FittedTarget(column: ShardSplitter.syntheticTarget, kind: .regression, mean: scale?.mean, deviation: scale?.deviation)
        return PreparedDataset(dataset: dataset, preprocessing: .identity(featureNames: dataset.featureNames, target: target))
    }

    /// `{name, generator: {kind, train_rows, test_rows, features, seed}}`.
    public var tree: SettingValue {
        .map(["name": .string(name),
              "generator": .map(["kind": .string(kind.rawValue), "train_rows": .number(Double(trainRows)),
                                 "test_rows": .number(Double(testRows)), "features": .number(Double(features)),
                                 "seed": .number(Double(seed))])])
    }

    /// Reads a generator tree (a file with `generator:` instead of `files:`).
    public static func read(_ tree: SettingValue, at path: String) throws(SettingsError) -> SyntheticDataset {
        var reader = try SettingsReader(tree, at: path)
        var generator = try reader.child("generator")
        let kindName = try generator.string("kind", default: "")
        let kinds = Kind.allCases.map(\.rawValue)
        guard let kind = Kind(rawValue: kindName) else {
            throw SettingsError(path: generator.path(of: "kind"), "expected one of \(kinds.joined(separator: ", "))")
        }
        let d = SyntheticDataset(kind: kind)
        let name = try reader.optionalString("name").map { text throws(SettingsError) in
            try DatasetRecipe.datasetName(text, at: reader.path(of: "name"))
        }
        let dataset = SyntheticDataset(
            kind: kind, trainRows: try generator.int("train_rows", default: d.trainRows, in: 1...10_000_000),
            testRows: try generator.int("test_rows", default: d.testRows, in: 1...10_000_000),
            features: try generator.int("features", default: d.features, in: 5...100_000),
            seed: UInt64(try generator.int("seed", default: Int(d.seed), in: 0...Int(UInt32.max))), name: name)
        try generator.finish()
        try reader.finish()
        return dataset
    }
}

import Foundation
import Testing
import FrontierML
@testable import FrontierData

/// Preparation must not move a bit when its implementation changes: every shipped recipe (and
/// variants exercising label encoding, mode filling and unstandardised labels, which no shipped
/// recipe uses) prepares to exactly the datasets recorded here. The digests were taken from the
/// code before fitted preprocessing became a value (commit 47aabdd), over the Float bits of every
/// feature and target, the feature names, the target scale and the class labels.
@Suite("Preparation is bit-identical across refactors")
struct PreparationIdentityTests {
    /// SHA-256 of a prepared dataset's bits (see `digest`).
    static let recorded: [String: String] = [
        "adult": "516bb7af1ad0d7c67dc6434369be0a124518ea68653c6c07681fd486cafed086",
        "adult/label-mode": "657ef810d2e03d3754f0e0e285a0c9a4627a40420531d3b1f0263134cce342d4",
        "auto-mpg": "65653baf5399aa9f914601b3cb67db32c669c811befc54cf4ebadf11e5db81ae",
        "california-housing": "9c5a2fc29bba4df6af4428051e9a9cc8cb5ac68cb12e7880ac29f469f4bbd6d3",
        "digits": "86501a5f26f18c20815095792c2a6a919b575c1c5b16aa7e29623c2c704af590",
        "mnist-10k": "2a9aa56b96e37d6aab73d72792e5220c1fb69d9fff9034b5661a428519aecc3d",
        "titanic": "873fb937f3032ef60af0370299542ddace5a3bad56a9c49124eb279df8c899b1",
        "titanic/label-unstandardised": "17638a1718442f2beea3726f3dcf8ee779325e6c38f30b8b3963d71671092041",
        "wine-quality": "f99554ac253ec037a898af1b5b7f892e482babf66b44de23d82ac0708a28aa97",
    ]

    /// The recipes the digests cover, by key.
    static func recipe(_ key: String) throws -> DatasetRecipe {
        let parts = key.split(separator: "/").map(String.init)
        var recipe = try #require(DatasetRecipe.builtIn(named: parts[0]))
        switch parts.count > 1 ? parts[1] : "" {
        case "label-mode":
            recipe.defaults.categorical = .init(encoding: .label, missing: .mode, standardise: true)
            recipe.columns = recipe.columns.map { column in
                guard case .categorical = column.kind else { return column }
                return .init(name: column.name, kind: .categorical(recipe.defaults.categorical))
            }
        case "label-unstandardised":
            recipe.columns = recipe.columns.map { column in
                guard case .categorical = column.kind else { return column }
                return .init(name: column.name, kind: .categorical(.init(encoding: .label, missing: .ownCategory, standardise: false)))
            }
        default: break
        }
        return recipe
    }

    /// Feature names, then per split every feature's and target's Float bit pattern
    /// (little-endian), then the target scale and class labels.
    static func digest(_ dataset: Dataset) -> String {
        var bytes = Data(dataset.featureNames.joined(separator: "\u{1}").utf8)
        func append(_ values: [Float]) {
            for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
        }
        for split in [dataset.train, dataset.test] {
            append(split.features.scalars)
            append(split.targets.scalars)
        }
        if let scale = dataset.targetScale { append([scale.mean, scale.std]) }
        bytes.append(contentsOf: Array((dataset.classLabels ?? []).joined(separator: "\u{1}").utf8))
        return SHA256Digest.hex(of: bytes)
    }

    @Test("Every shipped recipe and variant prepares the recorded bits", arguments: recorded.keys.sorted())
    func identical(key: String) throws {
        let dataset = try Self.recipe(key).load(baseDirectory: sharedData)
        let actual = Self.digest(dataset)
        #expect(actual == Self.recorded[key], "\(key): \(actual)")
    }
}

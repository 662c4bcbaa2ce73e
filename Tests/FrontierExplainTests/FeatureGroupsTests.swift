import Foundation
import Testing
import FrontierML
@testable import FrontierExplain

@Suite("Feature groups")
struct FeatureGroupsTests {
    @Test("One-hot columns `column=category` form one group per column; other features stand alone")
    func columns() throws {
        let names = ["age", "workclass=Private", "workclass=State-gov", "hours", "sex=Female", "sex=Male", "workclass=?"]
        let groups = try FeatureGroups.inferred(featureNames: names)
        #expect(groups.names == ["age", "workclass", "hours", "sex"])
        #expect(groups.members == [[0], [1, 2, 6], [3], [4, 5]])
        #expect(groups.groupOfFeature == [0, 1, 1, 2, 3, 3, 1])
    }

    @Test("Pixels form square patches: 2 x 2 on 8 x 8 digits (16), 4 x 4 on 28 x 28 MNIST (49)")
    func patches() throws {
        func pixels(_ side: Int) -> [String] { (0..<(side * side)).map { "pixel_\($0 / side)_\($0 % side)" } }
        let digits = try FeatureGroups.inferred(featureNames: pixels(8))
        #expect(digits.count == 16 && digits.members.allSatisfy { $0.count == 4 })
        #expect(digits.names.first == "patch_0_0" && digits.names.last == "patch_3_3")
        #expect(digits.members[1] == [2, 3, 10, 11])
        let mnist = try FeatureGroups.inferred(featureNames: pixels(28))
        #expect(mnist.count == 49 && mnist.members.allSatisfy { $0.count == 16 })
        #expect(mnist.members[7] == [112, 113, 114, 115, 140, 141, 142, 143, 168, 169, 170, 171, 196, 197, 198, 199])
        let coarse = try FeatureGroups.inferred(featureNames: pixels(8), patchSide: 4)
        #expect(coarse.count == 4)
    }

    @Test("Given groups must partition the features; errors say which feature")
    func validation() {
        #expect(throws: ExplainError("feature groups: feature 1 is in both 'a' and 'b'")) {
            try FeatureGroups(names: ["a", "b"], members: [[0, 1], [1, 2]], featureCount: 3)
        }
        #expect(throws: ExplainError("feature groups: feature 2 is in no group")) {
            try FeatureGroups(names: ["a"], members: [[0, 1]], featureCount: 3)
        }
        #expect(throws: ExplainError("feature groups: group 'a' names feature 5, outside 0..<3")) {
            try FeatureGroups(names: ["a"], members: [[0, 1, 2, 5]], featureCount: 3)
        }
    }

    @Test("The context carries groups (one per feature unless given) and refuses groups of another width")
    func context() throws {
        var g = SeededGenerator(seed: 1)
        let training = randomMatrix(20, 4, &g)
        let plain = try ExplanationContext(training: training, generator: g)
        #expect(plain.featureGroups == .singletons(featureCount: 4) && plain.trainingRows == training)
        let groups = try FeatureGroups.inferred(featureNames: ["a", "b=x", "b=y", "c"])
        let grouped = try ExplanationContext(training: training, generator: g, featureGroups: groups)
        #expect(grouped.featureGroups.count == 3)
        #expect(throws: ExplainError.self) {
            try ExplanationContext(training: training, generator: g, featureGroups: .singletons(featureCount: 5))
        }
    }

    @Test("Groups survive a JSON round trip; a file with overlapping groups is refused")
    func json() throws {
        let groups = try FeatureGroups.inferred(featureNames: ["a", "b=x", "b=y"])
        let data = try JSONEncoder().encode(groups)
        #expect(String(decoding: data, as: UTF8.self).contains("\"feature_count\":3"))
        #expect(try JSONDecoder().decode(FeatureGroups.self, from: data) == groups)
        let bad = Data(#"{"names": ["a", "b"], "members": [[0, 1], [1]], "feature_count": 2}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(FeatureGroups.self, from: bad) }
    }
}

import Testing
@testable import FrontierData

// Every expected value below was printed by a real numpy run of scripts/numpy-legacy-reference.py
// (numpy 2.4.6, pandas 3.1.1, scikit-learn 1.9.1, CPython 3.11.7); none is computed by the code under test.

@Suite("numpy's legacy RandomState, draw for draw")
struct NumpyLegacyRandomTests {
    func raw(_ random: inout NumpyLegacyRandom, _ count: Int) -> [UInt32] {
        (0..<count).map { _ in random.nextUInt32() }
    }

    @Test("Raw MT19937 outputs of RandomState(seed): init_genrand, across a state regeneration")
    func rawOutputs() {
        var r42 = NumpyLegacyRandom(seed: 42)
        #expect(raw(&r42, 12) == [1_608_637_542, 3_421_126_067, 4_083_286_876, 787_846_414, 3_143_890_026, 3_348_747_335,
                                  2_571_218_620, 2_563_451_924, 670_094_950, 1_914_837_113, 669_991_378, 429_389_014])
        // Draws 621-628 straddle the first twist after the initial one (at draw 625).
        _ = raw(&r42, 608)
        #expect(raw(&r42, 8) == [1_885_367_899, 3_195_638_841, 336_967_606, 1_077_437_785,
                                 108_880_612, 791_707_097, 4_134_543_476, 347_346_749])
        var r0 = NumpyLegacyRandom(seed: 0)
        #expect(raw(&r0, 4) == [2_357_136_044, 2_546_248_239, 3_071_714_933, 3_626_093_760])
        var rMax = NumpyLegacyRandom(seed: .max)
        #expect(raw(&rMax, 4) == [419_326_371, 479_346_978, 3_918_654_476, 2_416_749_639])
    }

    @Test("RandomState([1, 2, 3]): init_by_array")
    func arraySeed() {
        var r = NumpyLegacyRandom(seedArray: [1, 2, 3])
        #expect(raw(&r, 8) == [2_619_334_238, 1_552_691_353, 3_808_334_787, 2_540_200_029,
                               2_045_850_693, 2_882_232_093, 3_855_413_146, 1_874_344_021])
    }

    @Test("Legacy randint: masked rejection on the 32-bit path, the 64-bit path, a one-value range")
    func randint() {
        var small = NumpyLegacyRandom(seed: 42)
        #expect((0..<12).map { _ in small.randint(0, 10) } == [6, 3, 7, 4, 6, 9, 2, 6, 7, 4, 3, 7])
        var shifted = NumpyLegacyRandom(seed: 42)
        #expect((0..<12).map { _ in shifted.randint(-5, 1000) } == [97, 430, 855, 265, 101, 66, 695, 15, 609, 116, 461, 209])
        var wide = NumpyLegacyRandom(seed: 42)
        #expect((0..<6).map { _ in wide.randint(0, 1 << 40) }
                == [441_507_790_259, 395_924_837_646, 458_615_280_711, 810_017_303_572, 440_001_501_305, 902_372_521_174])
        // A single value draws nothing: the stream after it is the fresh stream.
        var single = NumpyLegacyRandom(seed: 7)
        #expect((0..<3).map { _ in single.randint(3, 4) } == [3, 3, 3])
        var fresh = NumpyLegacyRandom(seed: 7), after = single
        #expect(fresh.nextUInt32() == after.nextUInt32())
    }

    @Test("Legacy random_sample: 53-bit doubles, bit for bit")
    func randomSample() {
        var r = NumpyLegacyRandom(seed: 42)
        #expect((0..<5).map { _ in r.randomSample() }
                == [0.3745401188473625, 0.9507143064099162, 0.7319939418114051, 0.5986584841970366, 0.15601864044243652])
    }

    @Test("Legacy permutation, shuffle and choice without replacement")
    func permutationShuffleChoice() {
        var p = NumpyLegacyRandom(seed: 42)
        #expect(p.permutation(10) == [8, 1, 5, 0, 7, 2, 9, 4, 3, 6])
        var c = NumpyLegacyRandom(seed: 42)
        #expect(c.choiceWithoutReplacement(from: 10, size: 4) == [8, 1, 5, 0])
        var s = NumpyLegacyRandom(seed: 3)
        var values = Array(100..<110)
        s.shuffle(&values)
        #expect(values == [105, 104, 101, 102, 109, 106, 107, 100, 103, 108])
        var e = NumpyLegacyRandom(seed: 1)
        #expect(e.permutation(0) == [] && e.permutation(1) == [0])
    }

    @Test("permutation(n)[:20] of RandomState(42) for the paper's table sizes", arguments: [
        (392, [78, 274, 246, 55, 387, 203, 42, 233, 150, 116, 9, 208, 287, 165, 275, 362, 124, 351, 294, 332]),
        (1599, [803, 124, 350, 682, 1326, 976, 1493, 706, 613, 1587, 513, 1505, 1525, 1568, 220, 1010, 30, 942, 481, 135]),
        (20640, [20046, 3024, 15663, 20484, 9814, 13311, 7113, 7668, 18246, 5723,
                 20069, 6835, 11351, 20267, 7097, 6298, 696, 19607, 14173, 19638]),
        (1309, [1148, 1049, 982, 808, 1195, 240, 1118, 596, 924, 65, 1176, 1186, 1057, 879, 996, 1077, 1164, 1061, 308, 764]),
    ])
    func paperPermutations(n: Int, first20: [Int]) {
        var r = NumpyLegacyRandom(seed: 42)
        let permutation = r.permutation(n)
        #expect(Array(permutation.prefix(20)) == first20)
        #expect(permutation.sorted() == Array(0..<n))
    }
}

/// One table size's recorded split: sizes and the first/last indices, in the order Python returns them.
struct RecordedSplit: Sendable, CustomTestStringConvertible {
    var n: Int
    var trainCount: Int, testCount: Int
    var trainFirst: [Int], trainLast: [Int]
    var testFirst: [Int], testLast: [Int]
    var testDescription: String { "n = \(n)" }
}

@Suite("The MTL authors' splits: scikit-learn train_test_split and pandas sample, random_state 42")
struct NumpyLegacySplitTests {
    static let scikitLearn: [RecordedSplit] = [
        RecordedSplit(n: 392, trainCount: 313, testCount: 79,
                      trainFirst: [258, 182, 172, 63, 340, 229, 329, 380, 278, 220], trainLast: [270, 348, 102],
                      testFirst: [78, 274, 246, 55, 387, 203, 42, 233, 150, 116], testLast: []),
        RecordedSplit(n: 1599, trainCount: 1279, testCount: 320,
                      trainFirst: [493, 354, 342, 834, 705, 522, 1590, 1404, 1055, 277], trainLast: [860, 1459, 1126],
                      testFirst: [803, 124, 350, 682, 1326, 976, 1493, 706, 613, 1587], testLast: []),
        RecordedSplit(n: 20640, trainCount: 16512, testCount: 4128,
                      trainFirst: [14196, 8267, 17445, 14265, 2271, 17848, 6252, 9389, 6113, 6061], trainLast: [5390, 860, 15795],
                      testFirst: [20046, 3024, 15663, 20484, 9814, 13311, 7113, 7668, 18246, 5723], testLast: []),
        RecordedSplit(n: 1309, trainCount: 1047, testCount: 262,
                      trainFirst: [772, 543, 289, 10, 147, 348, 983, 825, 350, 900], trainLast: [1294, 860, 1126],
                      testFirst: [1148, 1049, 982, 808, 1195, 240, 1118, 596, 924, 65], testLast: []),
    ]

    static let pandas: [RecordedSplit] = [
        RecordedSplit(n: 392, trainCount: 314, testCount: 78,
                      trainFirst: [78, 274, 246, 55, 387, 203, 42, 233, 150, 116], trainLast: [],
                      testFirst: [1, 13, 20, 21, 34, 43, 48, 49, 50, 52], testLast: [385, 389, 391]),
        RecordedSplit(n: 1599, trainCount: 1279, testCount: 320,
                      trainFirst: [803, 124, 350, 682, 1326, 976, 1493, 706, 613, 1587], trainLast: [],
                      testFirst: [1, 8, 13, 14, 20, 21, 26, 34, 37, 40], testLast: [1573, 1583, 1595]),
        RecordedSplit(n: 20640, trainCount: 16512, testCount: 4128,
                      trainFirst: [20046, 3024, 15663, 20484, 9814, 13311, 7113, 7668, 18246, 5723], trainLast: [],
                      testFirst: [9, 11, 13, 16, 24, 25, 40, 53, 55, 60], testLast: [20632, 20637, 20639]),
        RecordedSplit(n: 1309, trainCount: 1047, testCount: 262,
                      trainFirst: [1148, 1049, 982, 808, 1195, 240, 1118, 596, 924, 65], trainLast: [],
                      testFirst: [1, 8, 13, 14, 16, 20, 21, 26, 34, 37], testLast: [1300, 1304, 1308]),
    ]

    func check(_ rows: NumpyLegacySplit.Rows, against recorded: RecordedSplit) {
        #expect(rows.train.count == recorded.trainCount && rows.test.count == recorded.testCount)
        #expect(Array(rows.train.prefix(recorded.trainFirst.count)) == recorded.trainFirst)
        #expect(Array(rows.train.suffix(recorded.trainLast.count)) == recorded.trainLast)
        #expect(Array(rows.test.prefix(recorded.testFirst.count)) == recorded.testFirst)
        #expect(Array(rows.test.suffix(recorded.testLast.count)) == recorded.testLast)
        // Every row lands in exactly one part.
        #expect((rows.train + rows.test).sorted() == Array(0..<recorded.n))
    }

    @Test("train_test_split(test_size=0.2, random_state=42): ceil'd test count, both parts in permutation order",
          arguments: scikitLearn)
    func scikitLearnSplit(recorded: RecordedSplit) {
        check(NumpyLegacySplit.scikitLearnTrainTestSplit(rowCount: recorded.n, testFraction: 0.2, seed: 42), against: recorded)
    }

    @Test("sample(frac=0.8, random_state=42) and drop: rounded train count, train in draw order, test in file order",
          arguments: pandas)
    func pandasSplit(recorded: RecordedSplit) {
        let rows = NumpyLegacySplit.pandasSample(rowCount: recorded.n, testFraction: 0.2, seed: 42)
        check(rows, against: recorded)
        #expect(rows.test == rows.test.sorted())
    }

    @Test("Size rules: scikit-learn rounds the test count up, pandas rounds the train count half to even")
    func sizeRules() {
        // train_test_split(arange(10), test_size=0.25): 7 train, 3 test (ceil(2.5) = 3).
        let sk = NumpyLegacySplit.scikitLearnTrainTestSplit(rowCount: 10, testFraction: 0.25, seed: 42)
        #expect(sk.train.count == 7 && sk.test.count == 3)
        // sample(frac=0.5): round(2.5) = 2 of 5 rows, round(3.5) = 4 of 7.
        #expect(NumpyLegacySplit.pandasSample(rowCount: 5, testFraction: 0.5, seed: 42).train.count == 2)
        #expect(NumpyLegacySplit.pandasSample(rowCount: 7, testFraction: 0.5, seed: 42).train.count == 4)
    }
}

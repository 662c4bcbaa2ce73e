import Foundation
import Testing
import FrontierML
@testable import FrontierData

@Suite("Fitted preprocessing as a value")
struct FittedPreprocessingTests {
    /// The raw test rows of a recipe's split as one table (the test file itself, or the held-out rows of the data file).
    static func rawTestRows(_ recipe: DatasetRecipe) throws -> DelimitedTable {
        try recipe.testTable(try recipe.readTables(baseDirectory: sharedData))
    }

    @Test("Raw test rows encode to the prepared test features bit for bit, also after a JSON round trip",
          arguments: ["adult", "titanic", "wine-quality", "auto-mpg", "california-housing", "digits"])
    func rawRowsMatchPreparation(name: String) throws {
        let recipe = try #require(DatasetRecipe.builtIn(named: name))
        let prepared = try recipe.loadPrepared(baseDirectory: sharedData)
        let json = try JSONEncoder().encode(prepared.preprocessing)
        let decoded = try JSONDecoder().decode(FittedPreprocessing.self, from: json)
        #expect(decoded == prepared.preprocessing)
        #expect(decoded.featureNames == prepared.dataset.featureNames)
        let x = try decoded.features(of: try Self.rawTestRows(recipe))
        #expect(x.rows == prepared.dataset.test.count)
        #expect(x.scalars.map(\.bitPattern) == prepared.dataset.test.features.scalars.map(\.bitPattern))
    }

    static let toy = """
        {name: toy, files: {data: t.csv, test: u.csv}, target: {column: y, task: regression},
         columns: [{name: colour, kind: categorical}, {name: size, kind: categorical, encoding: label},
                   {name: d, kind: numeric, range: [0, 10], repair: decimal-point}, {name: id, kind: dropped}]}
        """

    static let toyRows = "id,colour,size,d,y\n1,red,S,1,1\n2,blue,M,2,2\n3,red,L,3,3\n4,?,M,4,4\n5,blue,S,?,5\n"

    func toyPreprocessing() throws -> (FittedPreprocessing, Dataset) {
        let r = try recipe(Self.toy)
        let parser = DelimitedTextParser(format: r.format)
        let prepared = try r.prepareFitted(.init(data: try parser.parse(Array(Self.toyRows.utf8), source: "t.csv"),
                                                 test: try parser.parse(Array("id,colour,size,d,y\n6,red,S,5,6\n".utf8), source: "u.csv")))
        return (prepared.preprocessing, prepared.dataset)
    }

    func rows(_ text: String, _ p: FittedPreprocessing) throws -> DelimitedTable {
        try DelimitedTextParser(format: p.rowFormat).parse(Array(text.utf8), source: "rows.csv")
    }

    @Test("Raw rows: columns in any order, unseen categories, missing values filled as in training, decimal points restored")
    func rawRowEncoding() throws {
        let (p, dataset) = try toyPreprocessing()
        #expect(p.requiredColumns == ["colour", "size", "d"])
        #expect(p.featureNames == dataset.featureNames)
        // colour one-hot over (missing), blue, red; size label-coded L, M, S and standardised.
        let x = try p.features(of: try rows("d,size,colour\n45,XL,green\n?,M,?\n", p))
        let names = p.featureNames
        #expect(!names.contains("colour=green"))
        for category in ["colour=(missing)", "colour=blue", "colour=red"] {
            #expect(x[0, try #require(names.firstIndex(of: category))] == 0, "unseen colour encodes as all zeros")
        }
        #expect(x[1, try #require(names.firstIndex(of: "colour=(missing)"))] == 1)
        guard case .numeric(let d) = p.columns.first(where: { $0.name == "d" })?.encoding,
              case .categorical(let size) = p.columns.first(where: { $0.name == "size" })?.encoding else {
            Issue.record("unexpected encodings")
            return
        }
        let dColumn = try #require(names.firstIndex(of: "d"))
        #expect(x[0, dColumn] == d.encode(4.5), "45 is restored to 4.5")
        #expect(x[1, dColumn] == 0, "a missing number takes the training mean: 0 standardised")
        let sizeColumn = try #require(names.firstIndex(of: "size"))
        #expect(x[0, sizeColumn] == size.encodeLabel(3), "an unseen size takes the code past the last")
        #expect(x[1, sizeColumn] == size.encodeLabel(1))
    }

    @Test("Bad raw rows are refused naming the file, line and column")
    func rawRowErrors() throws {
        let (p, _) = try toyPreprocessing()
        #expect(throws: DataError(file: "rows.csv", line: 3, column: 3, columnName: "d", message: "'abc' is not a number")) {
            _ = try p.features(of: try rows("colour,size,d\nred,S,1\nred,S,abc\n", p))
        }
        #expect(throws: DataError(file: "rows.csv", line: 2, column: 3, columnName: "d",
                                  message: "-1.0 is outside the plausible range 0.0...10.0, even with its decimal point restored")) {
            _ = try p.features(of: try rows("colour,size,d\nred,S,-1\n", p))
        }
        do {
            _ = try p.features(of: try rows("colour,d\nred,1\n", p))
            Issue.record("a missing column was accepted")
        } catch {
            #expect((error as? DataError)?.message.hasPrefix("no column 'size'; the model reads colour, size, d") == true)
        }
    }

    @Test("A generated dataset's preprocessing passes its features through")
    func identity() throws {
        let prepared = SyntheticDataset(kind: .regression, trainRows: 50, testRows: 10).generatePrepared()
        let names = prepared.dataset.featureNames
        let test = prepared.dataset.test.features
        let text = names.joined(separator: ",") + "\n" + (0..<test.rows).map { r in
            test.row(r).map { "\($0)" }.joined(separator: ",")
        }.joined(separator: "\n") + "\n"
        let x = try prepared.preprocessing.features(of: try rows(text, prepared.preprocessing))
        #expect(x == test)
        let scale = try #require(prepared.dataset.targetScale)
        #expect(Float(try #require(prepared.preprocessing.target.mean)) == scale.mean)
        #expect(abs(prepared.preprocessing.target.unstandardise(1) - Double(scale.mean + scale.std)) < 1e-5)
    }
}

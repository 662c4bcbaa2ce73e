import Foundation
import Testing
import FrontierML
@testable import FrontierData

/// The shared datasets (never copied into the repository): `$FRONTIER_DATA` or `../shared/datasets`.
let sharedData = DatasetCatalog.dataDirectory(explicit: nil)

@Suite("Dataset recipes and preprocessing")
struct RecipeTests {
    @Test("Every built-in recipe reads the shared files with the documented row counts", arguments: DatasetRecipe.builtIn)
    func sharedFiles(recipe: DatasetRecipe) throws {
        let dataset = try recipe.load(dataDirectory: sharedData)
        let total = dataset.train.count + dataset.test.count
        if let testRows = recipe.documentedRows.testFile {
            #expect(dataset.train.count == recipe.documentedRows.file && dataset.test.count == testRows)
        } else {
            // A recipe that drops incomplete rows is checked by its own test (Auto MPG below).
            if recipe.missingValues.numeric != .dropRow { #expect(total == recipe.documentedRows.file) }
            #expect(dataset.test.count == Int((Double(total) * 0.2).rounded()))
        }
        #expect(dataset.featureNames.count == dataset.train.features.cols)
        #expect(dataset.train.features.scalars.allSatisfy(\.isFinite) && dataset.test.features.scalars.allSatisfy(\.isFinite))
        // Numeric features are standardised on the training rows: mean 0, deviation 1 (a little less
        // where missing values were filled with the mean).
        for (j, name) in dataset.featureNames.enumerated() where !name.contains("=") {
            let column = dataset.train.features.column(j).map(Double.init)
            let mean = column.reduce(0, +) / Double(column.count)
            let variance = column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(column.count)
            #expect(abs(mean) < 1e-4 && variance > 0.75 && variance < 1.001, "\(recipe.name) \(name): mean \(mean), variance \(variance)")
        }
        switch dataset.task {
        case .binaryClassification: #expect(Set(dataset.train.targets.scalars) == [0, 1])
        case .regression:
            let y = dataset.train.targets.scalars.map(Double.init)
            #expect(abs(y.reduce(0, +) / Double(y.count)) < 1e-4)
        case .multiclass: Issue.record("no built-in recipe is multiclass")
        }
    }

    @Test("Adult: 108 encoded features, the test file's labels with their dot, missing categories kept")
    func adult() throws {
        let adult = try DatasetRecipe.adult.load(dataDirectory: sharedData)
        #expect(adult.featureCount == 108)
        #expect(adult.featureNames.contains("workclass=\(DatasetRecipe.missingCategory)"))
        #expect(adult.classLabels == ["<=50K", ">50K"])
        // 24.1% of adult.data and 23.6% of adult.test earn >50K.
        let trainRate = adult.train.targets.scalars.reduce(0, +) / Float(adult.train.count)
        let testRate = adult.test.targets.scalars.reduce(0, +) / Float(adult.test.count)
        #expect(abs(trainRate - 0.2408) < 0.001 && abs(testRate - 0.2363) < 0.001)
    }

    @Test("Auto MPG: the six cars without horsepower are dropped before the 80/20 split, and only they")
    func autoMPGDropsIncompleteRows() throws {
        let recipe = DatasetRecipe.autoMPG
        let parsed = try DelimitedTextParser(format: recipe.format).parse(
            fileAt: (sharedData as NSString).appendingPathComponent("auto-mpg/auto-mpg.data"), columnNames: recipe.columnNames)
        #expect(parsed.rows.count == 398)
        let kept = recipe.droppingIncompleteRows(parsed)
        #expect(Set(parsed.lineNumbers).subtracting(kept.lineNumbers) == [33, 127, 331, 337, 355, 375])
        #expect(try recipe.readTables(dataDirectory: sharedData).main.lineNumbers == kept.lineNumbers)
        let dataset = try recipe.load(dataDirectory: sharedData)
        #expect(dataset.train.count + dataset.test.count == 392 && dataset.test.count == 78)
        // Without the policy the same file keeps all 398 rows, horsepower filled with the mean.
        var filling = recipe
        filling.missingValues = DatasetRecipe.MissingValues()
        let filled = try filling.load(dataDirectory: sharedData)
        #expect(filled.train.count + filled.test.count == 398)
    }

    @Test("Wine Quality: values that lost their decimal point are restored, others refused")
    func decimalRepair() throws {
        let fail: (String) throws(DataError) -> Never = { message throws(DataError) in
            throw DataError(file: "f", message: message)
        }
        #expect(abs(try DatasetRecipe.restoreDecimalPoint(100005, into: 0.98...1.01, fail: fail) - 1.00005) < 1e-12)
        #expect(abs(try DatasetRecipe.restoreDecimalPoint(1001, into: 0.98...1.01, fail: fail) - 1.001) < 1e-12)
        #expect(try DatasetRecipe.restoreDecimalPoint(0.9968, into: 0.98...1.01, fail: fail) == 0.9968)
        #expect(throws: DataError.self) { _ = try DatasetRecipe.restoreDecimalPoint(5, into: 0.98...1.01, fail: fail) }
        #expect(throws: DataError.self) { _ = try DatasetRecipe.restoreDecimalPoint(0.5, into: 0.98...1.01, fail: fail) }
        // Without the repair, density 100005 standardises to dozens of deviations; with it, nothing is extreme.
        let wine = try DatasetRecipe.wineQuality.load(dataDirectory: sharedData)
        for name in ["density", "volatile acidity", "alcohol"] {
            let j = try #require(wine.featureNames.firstIndex(of: name))
            let largest = (wine.train.features.column(j) + wine.test.features.column(j)).map(abs).max()!
            #expect(largest < 8, "\(name): \(largest)")
        }
    }

    @Test("The 80/20 split is fixed by the recipe, disjoint and complete")
    func split() throws {
        let text = "x,y\n" + (0..<50).map { "\($0),\($0 % 2)" }.joined(separator: "\n")
        let recipe = DatasetRecipe(name: "toy", summary: "", folder: ".", file: "toy.csv", format: .csv, targetColumn: "y",
                                   target: .binary(positive: "1", negative: "0"),
                                   testSplit: .holdOut(fraction: 0.2, seed: 3), documentedRows: (50, nil))
        let table = try DelimitedTextParser(format: .csv).parse(Array(text.utf8), source: "toy.csv")
        let a = try recipe.prepare(table: table, testTable: nil)
        let b = try recipe.prepare(table: table, testTable: nil)
        #expect(a.test.count == 10 && a.train.count == 40)
        #expect(a.test.features == b.test.features)
        // x is the row id (standardised, so distinct values stay distinct): all 50 rows, each once.
        let all = (a.train.features.column(0) + a.test.features.column(0)).map { Int(($0 * 1e4).rounded()) }
        #expect(Set(all).count == 50)
    }

    @Test("Missing values: numeric get the training mean, categories their own level; unseen test categories are zeros")
    func missingValues() throws {
        let train = "n,c,y\n1,a,1\n?,b,0\n3,,1\n"
        let test = "n,c,y\n?,z,0\n"
        let recipe = DatasetRecipe(name: "toy", summary: "", folder: ".", file: "train.csv", format: .csv, targetColumn: "y",
                                   target: .binary(positive: "1", negative: "0"), categorical: ["c"],
                                   testSplit: .file("test.csv", skipLeadingLines: 0), documentedRows: (3, 1))
        let parser = DelimitedTextParser(format: .csv)
        let d = try recipe.prepare(table: try parser.parse(Array(train.utf8), source: "train.csv"),
                                   testTable: try parser.parse(Array(test.utf8), source: "test.csv"))
        #expect(d.featureNames == ["n", "c=\(DatasetRecipe.missingCategory)", "c=a", "c=b"])
        // n: training values 1 and 3 (mean 2, std 1); the missing ones become the mean, 0 after scaling.
        #expect(d.train.features.column(0) == [-1, 0, 1])
        #expect(d.train.features.column(1) == [0, 0, 1] && d.train.features.column(2) == [1, 0, 0])
        #expect(d.test.features.scalars == [0, 0, 0, 0])
    }

    @Test("A non-numeric value in a numeric column names the file, line and column")
    func nonNumeric() throws {
        let text = "a,b,y\n1,2,0\n3,oops,1\n"
        let recipe = DatasetRecipe(name: "toy", summary: "", folder: ".", file: "toy.csv", format: .csv, targetColumn: "y",
                                   target: .regression(standardised: true),
                                   testSplit: .holdOut(fraction: 0.5, seed: 1), documentedRows: (2, nil))
        let table = try DelimitedTextParser(format: .csv).parse(Array(text.utf8), source: "toy.csv")
        #expect(throws: DataError(file: "toy.csv", line: 3, column: 2, columnName: "b", message: "'oops' is not a number")) {
            _ = try recipe.prepare(table: table, testTable: nil)
        }
    }

    @Test("An unknown target column, an unknown label and a missing target are errors")
    func badTargets() throws {
        let parser = DelimitedTextParser(format: .csv)
        func recipe(_ target: String) -> DatasetRecipe {
            DatasetRecipe(name: "toy", summary: "", folder: ".", file: "toy.csv", format: .csv, targetColumn: target,
                          target: .binary(positive: "yes", negative: "no"),
                          testSplit: .holdOut(fraction: 0.5, seed: 1), documentedRows: (2, nil))
        }
        let good = try parser.parse(Array("a,label\n1,yes\n2,no\n".utf8), source: "toy.csv")
        let unknown = #expect(throws: DataError.self) { _ = try recipe("target").prepare(table: good, testTable: nil) }
        #expect(unknown?.description == "toy.csv: no column named 'target' (columns: a, label)")
        let odd = try parser.parse(Array("a,label\n1,yes\n2,maybe\n".utf8), source: "toy.csv")
        #expect(throws: DataError(file: "toy.csv", line: 3, column: 2, columnName: "label",
                                  message: "'maybe' is neither 'yes' nor 'no'")) {
            _ = try recipe("label").prepare(table: odd, testTable: nil)
        }
        let missing = try parser.parse(Array("a,label\n1,?\n2,no\n".utf8), source: "toy.csv")
        #expect(throws: DataError(file: "toy.csv", line: 2, column: 2, columnName: "label", message: "the target is missing")) {
            _ = try recipe("label").prepare(table: missing, testTable: nil)
        }
    }

    @Test("A missing data file is an error naming it")
    func missingFile() {
        let error = #expect(throws: DataError.self) {
            _ = try DatasetCatalog.load("titanic", dataDirectory: "/nonexistent/frontier-data")
        }
        #expect(error?.description.hasPrefix("titanic/titanic3.csv: file not found") == true)
        #expect(throws: DataError.self) { _ = try DatasetCatalog.load("no-such-dataset", dataDirectory: sharedData) }
    }

    @Test("Synthetic datasets are generated from their seed, with non-linear targets")
    func synthetic() {
        let a = SyntheticDataset(kind: .classification).generate()
        let b = SyntheticDataset(kind: .classification).generate()
        let c = SyntheticDataset(kind: .classification, seed: 8).generate()
        #expect(a.train.features == b.train.features && a.train.targets == b.train.targets)
        #expect(a.train.features != c.train.features)
        let positives = a.train.targets.scalars.reduce(0, +) / Float(a.train.count)
        #expect(positives > 0.3 && positives < 0.7)
        // A linear least-squares fit leaves most of the regression target unexplained by design.
        let r = SyntheticDataset(kind: .regression).generate()
        let fit = LinearFit.ridge(r.train.features, r.train.targets.scalars.map(Double.init), ridge: 0)
        let predicted = (0..<r.test.count).map { Float(fit.predict(r.test.features.row($0))) }
        #expect(Metrics.rSquared(predicted, r.test.targets.scalars) < 0.5)
    }
}

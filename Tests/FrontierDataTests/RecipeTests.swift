import Foundation
import Testing
import FrontierML
import FrontierSettings
@testable import FrontierData

/// The shared datasets (never copied into the repository): `$FRONTIER_DATA` or `../shared/datasets`.
let sharedData = DatasetCatalog.dataDirectory(explicit: nil)

/// A recipe read from YAML text (failing the test when it does not read).
func recipe(_ yaml: String) throws -> DatasetRecipe { try DatasetRecipe.read(yaml: yaml) }

/// Parses `text` as the recipe's data file and `test` as its test file, and prepares them.
func prepare(_ recipe: DatasetRecipe, _ text: String, test: String? = nil) throws -> Dataset {
    let parser = DelimitedTextParser(format: recipe.format)
    return try recipe.prepare(.init(
        data: recipe.droppingIncompleteRows(try parser.parse(Array(text.utf8), source: recipe.files.data,
                                                             columnNames: recipe.columnNames)),
        test: try test.map { recipe.droppingIncompleteRows(try parser.parse(Array($0.utf8), source: recipe.files.test!)) }))
}

@Suite("Dataset recipes and preprocessing")
struct RecipeTests {
    /// Rows of each shipped paper dataset as published (test file rows second), after dropped rows.
    static let documentedRows: [String: (Int, Int?)] = [
        "adult": (32_561, 16_281), "wine-quality": (1_599, nil), "california-housing": (20_640, nil),
        "titanic": (1_309, nil), "auto-mpg": (392, nil),
    ]

    @Test("Every shipped paper recipe reads the shared files with the documented row counts",
          arguments: ["adult", "wine-quality", "california-housing", "titanic", "auto-mpg"])
    func sharedFiles(name: String) throws {
        let recipe = try #require(DatasetRecipe.builtIn(named: name))
        let dataset = try recipe.load(baseDirectory: sharedData)
        let (rows, testRows) = try #require(Self.documentedRows[name])
        if let testRows {
            #expect(dataset.train.count == rows && dataset.test.count == testRows)
        } else {
            #expect(dataset.train.count + dataset.test.count == rows)
            #expect(dataset.test.count == Int((Double(rows) * 0.2).rounded()))
        }
        #expect(dataset.featureNames.count == dataset.train.features.cols)
        #expect(dataset.train.features.scalars.allSatisfy(\.isFinite) && dataset.test.features.scalars.allSatisfy(\.isFinite))
        // Numeric features are standardised on the training rows: mean 0, deviation 1 (a little less
        // where missing values were filled with the mean).
        for (j, feature) in dataset.featureNames.enumerated() where !feature.contains("=") {
            let column = dataset.train.features.column(j).map(Double.init)
            let mean = column.reduce(0, +) / Double(column.count)
            let variance = column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(column.count)
            #expect(abs(mean) < 1e-4 && variance > 0.75 && variance < 1.001, "\(name) \(feature): mean \(mean), variance \(variance)")
        }
        switch dataset.task {
        case .binaryClassification: #expect(Set(dataset.train.targets.scalars) == [0, 1])
        case .regression:
            let y = dataset.train.targets.scalars.map(Double.init)
            #expect(abs(y.reduce(0, +) / Double(y.count)) < 1e-4)
        case .multiclass: Issue.record("no paper recipe is multiclass")
        }
    }

    @Test("The paper recipes describe themselves as before the move to recipe files (the tables' dataset lines)")
    func provenance() throws {
        let expected = [
            "adult": "recipe adult: adult/adult.data + adult/adult.test, target income, one-hot workclass/education/marital-status/occupation/relationship/race/sex/native-country, standardised numeric features, missing: numeric training mean / categorical own category, test file adult.test",
            "wine-quality": "recipe wine-quality: wine-quality/winequality-red.csv, target quality, lost decimal points restored in alcohol/density/volatile acidity, standardised numeric features, missing: numeric training mean / categorical own category, hold-out 20% (seed 42)",
            "california-housing": "recipe california-housing: california-housing/cal_housing.csv, target median_house_value, standardised numeric features, missing: numeric training mean / categorical own category, hold-out 20% (seed 42)",
            "titanic": "recipe titanic: titanic/titanic3.csv, target survived, one-hot pclass/sex/embarked, dropped name/ticket/cabin/boat/body/home.dest, standardised numeric features, missing: numeric training mean / categorical own category, hold-out 20% (seed 42)",
            "auto-mpg": "recipe auto-mpg: auto-mpg/auto-mpg.data, target mpg, one-hot origin, dropped car-name, standardised numeric features, missing: numeric row dropped / categorical own category, hold-out 20% (seed 42)",
        ]
        for (name, line) in expected { #expect(DatasetRecipe.builtIn(named: name)?.provenance == line) }
    }

    @Test("The shipped recipe files under cluster/recipes are the ones embedded in the binary")
    func shippedFilesEmbedded() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent("cluster/recipes")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
        #expect(files.map { String($0.dropLast(5)) }.sorted() == DatasetRecipe.shippedFiles.map(\.name).sorted(),
                "run scripts/gen-recipes")
        for file in DatasetRecipe.shippedFiles {
            let text = try String(contentsOf: folder.appendingPathComponent(file.name + ".yaml"), encoding: .utf8)
            #expect(text == file.yaml + "\n", "\(file.name).yaml differs from the embedded copy: run scripts/gen-recipes")
        }
    }

    @Test("A recipe's canonical tree reads back to the same recipe, and two spellings of one recipe share a checksum")
    func canonicalTree() throws {
        for recipe in DatasetRecipe.builtIn {
            #expect(try DatasetRecipe.read(recipe.tree, at: "") == recipe, "\(recipe.name)")
        }
        let terse = try recipe("{name: t, files: t.csv, target: {column: y, task: regression}}")
        let verbose = try recipe("""
            format_version: 1
            name: t
            files: {data: t.csv}
            separator: ","
            header: true
            missing: ["", "?"]
            target: {column: y, task: regression, standardise: true}
            defaults: {unlisted: numeric, numeric: {missing: training-mean}}
            split: {kind: hold-out, test_fraction: 0.2, seed: 42}
            """)
        #expect(terse == verbose && terse.checksum == verbose.checksum)
        #expect(try recipe("{name: t, files: t.csv, target: {column: y, task: regression}, split: {seed: 7}}").checksum
                != terse.checksum)
    }

    @Test("Adult: 108 encoded features, the test file's labels with their dot, missing categories kept")
    func adult() throws {
        let adult = try DatasetCatalog.load("adult", dataDirectory: sharedData).dataset
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
        var autoMPG = try #require(DatasetRecipe.builtIn(named: "auto-mpg"))
        let parsed = try DelimitedTextParser(format: autoMPG.format).parse(
            fileAt: (sharedData as NSString).appendingPathComponent("auto-mpg/auto-mpg.data"), columnNames: autoMPG.columnNames)
        #expect(parsed.rows.count == 398)
        let kept = autoMPG.droppingIncompleteRows(parsed)
        #expect(Set(parsed.lineNumbers).subtracting(kept.lineNumbers) == [33, 127, 331, 337, 355, 375])
        #expect(try autoMPG.readTables(baseDirectory: sharedData).data.lineNumbers == kept.lineNumbers)
        let dataset = try autoMPG.load(baseDirectory: sharedData)
        #expect(dataset.train.count + dataset.test.count == 392 && dataset.test.count == 78)
        // Without the policy the same file keeps all 398 rows, horsepower filled with the mean.
        autoMPG.defaults.numeric.missing = .trainingMean
        let filled = try autoMPG.load(baseDirectory: sharedData)
        #expect(filled.train.count + filled.test.count == 398)
    }

    @Test("Wine Quality: values that lost their decimal point are restored, others refused")
    func decimalRepair() throws {
        #expect(abs(try #require(DatasetRecipe.restoreDecimalPoint(100005, into: 0.98...1.01)) - 1.00005) < 1e-12)
        #expect(abs(try #require(DatasetRecipe.restoreDecimalPoint(1001, into: 0.98...1.01)) - 1.001) < 1e-12)
        #expect(DatasetRecipe.restoreDecimalPoint(0.9968, into: 0.98...1.01) == 0.9968)
        #expect(DatasetRecipe.restoreDecimalPoint(5, into: 0.98...1.01) == nil)
        #expect(DatasetRecipe.restoreDecimalPoint(0.5, into: 0.98...1.01) == nil)
        // Without the repair, density 100005 standardises to dozens of deviations; with it, nothing is extreme.
        let wine = try DatasetCatalog.load("wine-quality", dataDirectory: sharedData).dataset
        for name in ["density", "volatile acidity", "alcohol"] {
            let j = try #require(wine.featureNames.firstIndex(of: name))
            let largest = (wine.train.features.column(j) + wine.test.features.column(j)).map(abs).max()!
            #expect(largest < 8, "\(name): \(largest)")
        }
        // A range without a repair refuses an implausible value, naming its line.
        let strict = try recipe("{name: t, files: t.csv, target: {column: y, task: regression}, columns: [{name: d, kind: numeric, range: [0, 1]}]}")
        #expect(throws: DataError(file: "t.csv", line: 3, column: 1, columnName: "d",
                                  message: "5 is outside the plausible range 0.0...1.0")) {
            _ = try prepare(strict, "d,y\n0.5,1\n5,2\n0.2,3\n0.1,4\n0.3,5\n")
        }
    }

    @Test("The 80/20 split is fixed by the recipe, disjoint and complete")
    func split() throws {
        let text = "x,y\n" + (0..<50).map { "\($0),\($0 % 2)" }.joined(separator: "\n")
        let toy = try recipe("{name: toy, files: toy.csv, target: {column: y, task: binary, positive: '1', negative: '0'}, split: {kind: hold-out, test_fraction: 0.2, seed: 3}}")
        let a = try prepare(toy, text), b = try prepare(toy, text)
        #expect(a.test.count == 10 && a.train.count == 40)
        #expect(a.test.features == b.test.features)
        // x is the row id (standardised, so distinct values stay distinct): all 50 rows, each once.
        let all = (a.train.features.column(0) + a.test.features.column(0)).map { Int(($0 * 1e4).rounded()) }
        #expect(Set(all).count == 50)
    }

    @Test("Missing values: numeric get the training mean, categories their own level; unseen test categories are zeros")
    func missingValues() throws {
        let toy = try recipe("""
            {name: toy, files: {data: train.csv, test: test.csv}, columns: [{name: c, kind: categorical}],
             target: {column: y, task: binary, positive: '1', negative: '0'}}
            """)
        let d = try prepare(toy, "n,c,y\n1,a,1\n?,b,0\n3,,1\n", test: "n,c,y\n?,z,0\n")
        #expect(d.featureNames == ["n", "c=\(DatasetRecipe.missingCategory)", "c=a", "c=b"])
        // n: training values 1 and 3 (mean 2, std 1); the missing ones become the mean, 0 after scaling.
        #expect(d.train.features.column(0) == [-1, 0, 1])
        #expect(d.train.features.column(1) == [0, 0, 1] && d.train.features.column(2) == [1, 0, 0])
        #expect(d.test.features.scalars == [0, 0, 0, 0])
    }

    @Test("Per-column rules: mode fill, dropped rows, label encoding standardised, unscaled numbers")
    func columnRules() throws {
        let toy = try recipe("""
            name: toy
            files: {data: train.csv, test: test.csv}
            target: {column: y, task: regression, standardise: false}
            columns:
              - {name: c, kind: categorical, missing: mode}
              - {name: k, kind: categorical, encoding: label}
              - {name: n, kind: numeric, missing: drop-row, standardise: false}
              - {name: id, kind: dropped}
            """)
        let d = try prepare(toy, "id,c,k,n,y\n1,a,p,1,10\n2,b,q,?,20\n3,b,r,3,30\n4,,p,5,40\n", test: "id,c,k,n,y\n5,,s,7,50\n")
        // The row without n is gone; c's missing value takes the mode b (two b, one a among kept rows... a, b, missing).
        #expect(d.train.count == 3 && d.featureNames == ["c=a", "c=b", "k", "n"])
        #expect(d.train.features.column(3) == [1, 3, 5] && d.test.features.column(3) == [7])
        #expect(d.train.targets.scalars == [10, 30, 40] && d.targetScale == nil)
        // k: codes p=0, r=1 over training rows [0, 1, 0] (mean 1/3, std 0.471); the unseen s takes code 2.
        let k = d.train.features.column(2) + d.test.features.column(2)
        let std = (2.0 / 9.0).squareRoot()
        for (value, code) in zip(k, [0.0, 1, 0, 2]) { #expect(abs(Double(value) - (code - 1.0 / 3) / std) < 1e-5) }
        // c: the training rows are a, b and missing; the mode of a and b (one each) is the smaller name, a.
        #expect(d.train.features.column(0) == [1, 0, 1] && d.test.features.column(0) == [1])
    }

    @Test("Text layout: comment lines, skipped lines, Latin-1 text, tab separators")
    func layout() throws {
        let toy = try recipe("""
            {name: toy, files: t.tsv, separator: tab, comment: "#", skip_rows: 1, encoding: latin-1,
             columns: [{name: city, kind: categorical}], target: {column: y, task: multiclass, classes: [lo, hi]},
             split: {test_fraction: 0.5}}
            """)
        var bytes = Array("produced by a logger\ncity\tx\ty\n# a comment\n".utf8)
        bytes += [0x4D, 0xFC, 0x6E, 0x63, 0x68, 0x65, 0x6E] + Array("\t1\thi\nParis\t2\tlo\n".utf8)  // "München" in Latin-1
        let table = try DelimitedTextParser(format: toy.format).parse(bytes, source: "t.tsv")
        #expect(table.rows == [["München", "1", "hi"], ["Paris", "2", "lo"]] && table.lineNumbers == [4, 5])
        let d = try toy.prepare(.init(data: table, test: nil))
        #expect(d.task == .multiclass(classes: 2) && d.classLabels == ["lo", "hi"])
    }

    @Test("A binary target without a negative label takes every other label as negative")
    func binaryWithoutNegative() throws {
        let toy = try recipe("{name: t, files: t.csv, target: {column: y, task: binary, positive: yes}, split: {test_fraction: 0.5}}")
        let d = try prepare(toy, "x,y\n1,yes\n2,no\n3,maybe\n4,yes\n")
        #expect((d.train.targets.scalars + d.test.targets.scalars).sorted() == [0, 0, 1, 1])
        #expect(d.classLabels == ["not yes", "yes"])
    }

    @Test("A non-numeric value in a numeric column names the file, line and column")
    func nonNumeric() throws {
        let toy = try recipe("{name: toy, files: toy.csv, target: {column: y, task: regression}, split: {test_fraction: 0.5, seed: 1}}")
        #expect(throws: DataError(file: "toy.csv", line: 3, column: 2, columnName: "b", message: "'oops' is not a number")) {
            _ = try prepare(toy, "a,b,y\n1,2,0\n3,oops,1\n")
        }
    }

    @Test("An unknown target column, an unknown label and a missing target are errors")
    func badTargets() throws {
        func toy(_ target: String) throws -> DatasetRecipe {
            try recipe("{name: toy, files: toy.csv, target: {column: \(target), task: binary, positive: 'yes', negative: 'no'}, split: {test_fraction: 0.5, seed: 1}}")
        }
        let unknown = #expect(throws: DataError.self) { _ = try prepare(try toy("target"), "a,label\n1,yes\n2,no\n") }
        #expect(unknown?.description == "toy.csv: no column named 'target' (columns: a, label)")
        #expect(throws: DataError(file: "toy.csv", line: 3, column: 2, columnName: "label",
                                  message: "'maybe' is neither 'yes' nor 'no'")) {
            _ = try prepare(try toy("label"), "a,label\n1,yes\n2,maybe\n")
        }
        #expect(throws: DataError(file: "toy.csv", line: 2, column: 2, columnName: "label", message: "the target is missing")) {
            _ = try prepare(try toy("label"), "a,label\n1,?\n2,no\n")
        }
        let misnamed = try recipe("{name: toy, files: toy.csv, target: {column: y, task: regression}, columns: [{name: agee, kind: dropped}]}")
        let error = #expect(throws: DataError.self) { _ = try prepare(misnamed, "age,y\n1,2\n3,4\n5,6\n7,8\n9,10\n") }
        #expect(error?.message.hasPrefix("columns[0].name: the recipe names 'agee'") == true)
    }

    static let refusals: [(String, String, String)] = [
        ("files: t.csv\ntarget: {column: y, task: regression}", "name", "required"),
        ("name: 'a b'\nfiles: t.csv\ntarget: {column: y, task: regression}", "name", "not a dataset name"),
        ("name: t\ntarget: {column: y, task: regression}", "files", "required"),
        ("name: t\nfiles: t.csv\ntarget: {column: y, task: guess}", "target.task", "binary, multiclass or regression"),
        ("name: t\nfiles: t.csv\ntarget: {column: y, task: binary}", "target.positive", "required"),
        ("name: t\nfiles: t.csv\ntarget: {column: y, task: multiclass, classes: [a]}", "target.classes", "two or more"),
        ("name: t\nfiles: t.csv\ntarget: {column: y, task: regression, positive: a}", "target.positive", "unknown field"),
        ("name: t\nfiles: t.csv\nseparator: '::'\ntarget: {column: y, task: regression}", "separator", "one ASCII character"),
        ("name: t\nfiles: t.csv\nencoding: utf-16\ntarget: {column: y, task: regression}", "encoding", "utf-8, latin-1"),
        ("name: t\nfiles: t.csv\ntarget: {column: y, task: regression}\ncolumns: [{name: a, kind: numeric}, {name: b}, {name: c, kind: numeric}, {name: d, kind: text}]",
         "columns[1].kind", "required"),
        ("name: t\nfiles: t.csv\ntarget: {column: y, task: regression}\ncolumns: [{name: a, kind: numeric}, {name: b, kind: numeric}, {name: c, kind: numeric}, {name: d, kind: text}]",
         "columns[3].kind", "numeric, categorical or dropped"),
        ("name: t\nfiles: t.csv\ntarget: {column: y, task: regression}\ncolumns: [{name: a, kind: categorical, encoding: ordinal}]",
         "columns[0].encoding", "one-hot, label"),
        ("name: t\nfiles: t.csv\ntarget: {column: y, task: regression}\ncolumns: [{name: a, kind: numeric, missing: mode}]",
         "columns[0].missing", "training-mean, drop-row, error"),
        ("name: t\nfiles: t.csv\ntarget: {column: y, task: regression}\ncolumns: [{name: a, kind: numeric, repair: decimal-point}]",
         "columns[0].repair", "needs a range"),
        ("name: t\nfiles: t.csv\ntarget: {column: y, task: regression}\ncolumns: [{name: a, kind: numeric, range: [2, 1]}]",
         "columns[0].range", "low <= high"),
        ("name: t\nfiles: t.csv\ntarget: {column: y, task: regression}\ncolumns: [{name: a, kind: dropped}, {name: a, kind: numeric}]",
         "columns[1].name", "listed twice"),
        ("name: t\nfiles: t.csv\ntarget: {column: y, task: regression}\ncolumns: [{name: y, kind: numeric}]", "columns[0].name", "target column"),
        ("name: t\nfiles: t.csv\ntarget: {column: y, task: regression}\ncolumns: [{name: a, kind: dropped, colour: red}]",
         "columns[0].colour", "unknown field"),
        ("name: t\nfiles: t.csv\ntarget: {column: y, task: regression}\nsplit: {kind: test-file}", "split.kind", "needs files.test"),
        ("name: t\nfiles: {data: a.csv, test: b.csv}\ntarget: {column: y, task: regression}\nsplit: {kind: hold-out}", "files.test", "test-file"),
        ("name: t\nfiles: t.csv\ntarget: {column: y, task: regression}\nsplit: {test_fraction: 1}", "split.test_fraction", "strictly between"),
        ("name: t\nfiles: t.csv\ntarget: {column: y, task: regression}\nsplit: {kind: numpy-legacy, function: shuffle}", "split.function", "train_test_split, sample"),
        ("name: t\nfiles: t.csv\ntarget: {column: y, task: regression}\nformat_version: 2", "format_version", "reads recipe format 1"),
        ("name: t\nfiles: t.csv\ntarget: {column: y, task: regression}\ncolour: red", "colour", "unknown field"),
        ("name: t\nfiles: t.csv\ntarget: {column: y, task: regression}\nl0: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + (1...7).map { "l\($0): &\(Character(UnicodeScalar(97 + $0)!)) [" + Array(repeating: "*\(Character(UnicodeScalar(96 + $0)!))", count: 10).joined(separator: ", ") + "]" }
                .joined(separator: "\n"), "", "more than 200000 values"),
    ]

    @Test("A bad recipe is refused with the path of the bad field", arguments: refusals.indices)
    func refused(index: Int) {
        let (yaml, path, says) = Self.refusals[index]
        do {
            _ = try DatasetRecipe.read(yaml: yaml)
            Issue.record("accepted; expected an error at \(path)")
        } catch {
            #expect(error.path == path, "\(error)")
            #expect(error.message.contains(says), "\(error)")
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

    @Test("A recipe file's relative paths resolve against its own folder")
    func recipeFile() throws {
        let folder = temporaryDirectory("recipe-file")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "a;b;y\n1;x;2\n2;y;4\n3;x;6\n4;y;8\n5;x;10\n".write(toFile: folder + "/t.csv", atomically: true, encoding: .utf8)
        try "{name: mine, files: t.csv, separator: ';', columns: [{name: b, kind: categorical}], target: {column: y, task: regression}}"
            .write(toFile: folder + "/mine.yaml", atomically: true, encoding: .utf8)
        let (source, base) = try DatasetCatalog.recipe(file: folder + "/mine.yaml")
        let loaded = try source.load(baseDirectory: base)
        #expect(loaded.dataset.name == "mine" && loaded.dataset.featureNames == ["a", "b=x", "b=y"])
        #expect(throws: DataError.self) { _ = try DatasetCatalog.recipe(file: folder + "/none.yaml") }
    }

    @Test("Synthetic datasets are generated from their seed, with non-linear targets")
    func synthetic() throws {
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
        // A generator is a dataset definition like a recipe: it reads back from its tree.
        let source = DatasetSource.synthetic(SyntheticDataset(kind: .regression, trainRows: 10, testRows: 5, seed: 3))
        #expect(try DatasetSource.read(source.tree, at: "") == source)
    }
}

import Foundation
import Testing
import FrontierML
import FrontierSettings
@testable import FrontierData

/// A table the project has never seen: arbitrary column names, string categoricals,
/// missing values, `;` separators, an identifier column, and a regression or binary target.
func unseenTable(rows: Int = 400, binary: Bool = false, seed: UInt64 = 11) -> String {
    var g = SeededGenerator(seed: seed)
    var lines = ["Fläche m2;Farbe;Baujahr;Lage;Kennung;\(binary ? "verkauft" : "Preis")"]
    let colours = ["rot", "grün", "blau", ""], places = ["Nord", "Süd", "Mitte"]
    for i in 0..<rows {
        let area = 30 + 170 * g.nextUniform()
        let colour = colours[Int(g.nextUniform() * 4)]
        let year = g.nextUniform() < 0.2 ? "NA" : String(1950 + Int(g.nextUniform() * 70))
        let place = places[Int(g.nextUniform() * 3)]
        let price = area * 2000 + (colour == "rot" ? 30_000 : 0) + (place == "Mitte" ? 50_000 : 0) + 20_000 * g.nextNormal()
        let target = binary ? (price > 230_000 ? "ja" : "nein") : String(format: "%.0f", price)
        lines.append(String(format: "%.1f", area) + ";\(colour);\(year);\(place);K\(i);\(target)")
    }
    return lines.joined(separator: "\n") + "\n"
}

@Suite("Recipe drafts for unseen tables")
struct RecipeDraftTests {
    @Test("inspect finds the separator, header, kinds, missing tokens and task; its draft loads as it is")
    func regression() throws {
        let text = unseenTable()
        let draft = try RecipeDraft.inspect(Array(text.utf8), file: "haus.csv", target: "Preis")
        #expect(draft.format.separator == .character(";") && draft.format.hasHeader && draft.rows == 400)
        #expect(draft.columns.map(\.kind) == [.numeric, .categorical, .numeric, .categorical, .dropped, .numeric])
        #expect(Set(draft.missingTokens) == ["", "NA"])
        #expect(draft.task == .regression(standardise: true))
        let recipe = try DatasetRecipe.read(yaml: draft.yaml(dataPath: "haus.csv", command: "test"))
        #expect(recipe.name == "haus")
        let parser = DelimitedTextParser(format: recipe.format)
        let dataset = try recipe.prepare(.init(data: try parser.parse(Array(text.utf8), source: "haus.csv"), test: nil))
        #expect(dataset.task == .regression && dataset.train.count == 320)
        #expect(dataset.featureNames.contains("Farbe=\(DatasetRecipe.missingCategory)") && !dataset.featureNames.contains("Kennung"))
    }

    @Test("A two-label target is drafted as binary with the rarer label positive")
    func binary() throws {
        let text = unseenTable(binary: true)
        let draft = try RecipeDraft.inspect(Array(text.utf8), file: "verkauf.csv")
        #expect(draft.target == "verkauft")
        guard case .binary(let positive, let negative) = draft.task else { Issue.record("not binary: \(draft.task)"); return }
        let yes = text.components(separatedBy: ";ja\n").count - 1
        #expect((positive, negative) == (yes < 200 ? ("ja", "nein") : ("nein", "ja")))
        #expect(try DatasetRecipe.read(yaml: draft.yaml(dataPath: "v.csv", command: "test")).isRegression == false)
    }

    @Test("Headerless whitespace files get generated column names; a wrong target is refused naming the columns")
    func headerless() throws {
        let text = (0..<30).map { "\($0)   \($0 * 2).5\t\($0 % 3)" }.joined(separator: "\n")
        let draft = try RecipeDraft.inspect(Array(text.utf8), file: "w.data")
        #expect(draft.format.separator == .whitespace && !draft.format.hasHeader)
        #expect(draft.columnNames == ["column1", "column2", "column3"] && draft.task == .multiclass(classes: nil))
        #expect(throws: DataError.self) { try RecipeDraft.inspect(Array(text.utf8), file: "w.data", target: "price") }
    }

    @Test("Trees written as YAML read back to the same tree (shipped recipes, odd strings)")
    func yamlRoundTrip() throws {
        for recipe in DatasetRecipe.builtIn {
            #expect(try SettingValue.parse(yaml: recipe.tree.yaml) == recipe.tree, "\(recipe.name)")
        }
        let odd = SettingValue.map(["a: b": .string("yes"), "list": .list([.string(""), .string("1"), .string("x, y"),
                                                                           .number(2.5), .bool(false), .null]),
                                    "nested": .map(["q": .string("\"quoted\" ü")])])
        #expect(try SettingValue.parse(yaml: odd.yaml) == odd)
    }
}

extension DatasetRecipe {
    /// The recipes Frontier ships (`cluster/recipes/*.yaml`, embedded in the binary by
    /// `scripts/gen-recipes`): the MTL paper's five datasets prepared as the paper
    /// describes, and the variants and image datasets beside them. Their paths are
    /// relative to the data directory.
    public static let builtIn: [DatasetRecipe] = shippedFiles.map { file in
        do { return try DatasetRecipe.read(yaml: file.yaml) } catch {
            // The shipped files are checked by the test suite; a broken one is a build defect.
            fatalError("shipped recipe \(file.name).yaml: \(error)")
        }
    }

    /// A shipped recipe by dataset name.
    public static func builtIn(named name: String) -> DatasetRecipe? { builtIn.first { $0.name == name } }

    /// The YAML text of a shipped recipe, comments included (`frontier datasets show`).
    public static func shippedYAML(named name: String) -> String? {
        guard let recipe = builtIn(named: name) else { return nil }
        return zip(shippedFiles, builtIn).first { $0.1 == recipe }?.0.yaml
    }
}

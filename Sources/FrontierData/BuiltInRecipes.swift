extension DatasetRecipe {
    /// The five datasets of "Exploring Multi-Task Learning for Explainability",
    /// prepared as the paper describes: standardised numeric features, one-hot
    /// categoricals, standardised regression targets, an 80/20 split with a fixed
    /// seed (Adult ships its own test file).
    public static let builtIn: [DatasetRecipe] = [adult, wineQuality, californiaHousing, titanic, autoMPG]

    /// The seed of every built-in 80/20 split: fixed, so all runs share one test set.
    public static let splitSeed: UInt64 = 42

    public static let adult = DatasetRecipe(
        name: "adult",
        summary: "UCI Adult census income: is income >50K? (binary; 32,561 train + 16,281 test rows)",
        folder: "adult", file: "adult.data",
        format: DelimitedTextFormat(separator: .character(","), hasHeader: false),
        columnNames: ["age", "workclass", "fnlwgt", "education", "education-num", "marital-status", "occupation",
                      "relationship", "race", "sex", "capital-gain", "capital-loss", "hours-per-week",
                      "native-country", "income"],
        targetColumn: "income", target: .binary(positive: ">50K", negative: "<=50K"),
        categorical: ["workclass", "education", "marital-status", "occupation", "relationship", "race", "sex",
                      "native-country"],
        labelSuffix: ".",
        testSplit: .file("adult.test", skipLeadingLines: 1),
        documentedRows: (32_561, 16_281))

    public static let wineQuality = DatasetRecipe(
        name: "wine-quality",
        summary: "UCI Wine Quality, red: quality score from physico-chemical tests (regression; 1,599 rows; "
            + "the shared file's 82 values with lost decimal points are restored)",
        folder: "wine-quality", file: "winequality-red.csv",
        format: DelimitedTextFormat(separator: .character(";")),
        targetColumn: "quality", target: .regression(standardised: true),
        testSplit: .holdOut(fraction: 0.2, seed: splitSeed),
        // Published ranges (Cortez et al., 2009): density 0.990-1.004, volatile acidity 0.12-1.58, alcohol 8.4-14.9.
        decimalRepairs: ["density": 0.98...1.01, "volatile acidity": 0.1...2, "alcohol": 8...15],
        documentedRows: (1_599, nil))

    public static let californiaHousing = DatasetRecipe(
        name: "california-housing",
        summary: "California Housing (StatLib): median house value per block group (regression; 20,640 rows)",
        folder: "california-housing", file: "cal_housing.csv",
        format: .csv,
        targetColumn: "median_house_value", target: .regression(standardised: true),
        testSplit: .holdOut(fraction: 0.2, seed: splitSeed),
        documentedRows: (20_640, nil))

    public static let titanic = DatasetRecipe(
        name: "titanic",
        summary: "Titanic passengers (titanic3): survived? (binary; 1,309 rows)",
        folder: "titanic", file: "titanic3.csv",
        format: .csv,
        targetColumn: "survived", target: .binary(positive: "1", negative: "0"),
        categorical: ["pclass", "sex", "embarked"],
        dropped: ["name", "ticket", "cabin", "boat", "body", "home.dest"],
        testSplit: .holdOut(fraction: 0.2, seed: splitSeed),
        documentedRows: (1_309, nil))

    public static let autoMPG = DatasetRecipe(
        name: "auto-mpg",
        summary: "UCI Auto MPG: fuel consumption in miles per gallon (regression; 398 rows, of which the 6 "
            + "without horsepower are dropped, as the paper's preprocessing does)",
        folder: "auto-mpg", file: "auto-mpg.data",
        format: DelimitedTextFormat(separator: .whitespace, hasHeader: false),
        columnNames: ["mpg", "cylinders", "displacement", "horsepower", "weight", "acceleration", "model-year",
                      "origin", "car-name"],
        targetColumn: "mpg", target: .regression(standardised: true),
        categorical: ["origin"],
        dropped: ["car-name"],
        // The paper's code drops these rows (pandas `dropna()`) before its 80/20 split.
        missingValues: MissingValues(numeric: .dropRow),
        testSplit: .holdOut(fraction: 0.2, seed: splitSeed),
        documentedRows: (398, nil))
}

/// The published numbers of "Exploring Multi-Task Learning for Explainability" (Tables 2
/// and 3), set beside ours in `reproduce mtl --paper-columns`.
enum MTLPaperValues {
    /// Table 2: the linear model's and the MLP's accuracy (Adult, Titanic) or MSE (others).
    static let linear: [String: Double] = ["wine-quality": 0.598, "adult": 0.824, "california-housing": 0.410,
                                           "titanic": 0.774, "auto-mpg": 0.176]

    /// Table 3, performance: STL, then alpha 0.1 ... 0.9.
    static let performance: [String: [Double]] = [
        "wine-quality": [0.541, 0.569, 0.558, 0.544, 0.544, 0.540, 0.539, 0.536, 0.540, 0.547],
        "adult": [0.850, 0.836, 0.839, 0.842, 0.844, 0.848, 0.849, 0.850, 0.849, 0.850],
        "california-housing": [0.237, 0.403, 0.381, 0.381, 0.340, 0.307, 0.279, 0.262, 0.221, 0.204],
        "titanic": [0.785, 0.764, 0.767, 0.775, 0.781, 0.776, 0.776, 0.781, 0.780, 0.776],
        "auto-mpg": [0.098, 0.153, 0.148, 0.137, 0.126, 0.117, 0.110, 0.104, 0.096, 0.105],
    ]

    /// Table 3, Global Fidelity: STL, then alpha 0.1 ... 0.9.
    static let globalFidelity: [String: [Double]] = [
        "wine-quality": [0.034, 0.001, 0.003, 0.005, 0.009, 0.014, 0.025, 0.036, 0.056, 0.086],
        "adult": [0.033, 0.001, 0.004, 0.007, 0.010, 0.013, 0.016, 0.018, 0.021, 0.021],
        "california-housing": [0.199, 0.0006, 0.002, 0.006, 0.015, 0.025, 0.038, 0.056, 0.100, 0.152],
        "titanic": [0.048, 0.001, 0.004, 0.007, 0.011, 0.017, 0.020, 0.026, 0.026, 0.028],
        "auto-mpg": [0.093, 0.001, 0.001, 0.004, 0.008, 0.013, 0.024, 0.039, 0.055, 0.083],
    ]

    /// The paper's name for one of our datasets (`titanic-authors` is `titanic`).
    static func key(_ dataset: String) -> String {
        dataset.hasSuffix("-authors") ? String(dataset.dropLast("-authors".count)) : dataset
    }

    /// The published value of a table column: the linear model, STL, or an alpha of 0.1 ... 0.9.
    static func value(_ table: [String: [Double]], _ dataset: String, _ column: MTLTables.Column) -> Double? {
        guard let row = table[key(dataset)] else { return nil }
        switch column {
        case .linear: return nil
        case .stl: return row[0]
        case .alpha(let a):
            let index = Int((a * 10).rounded())
            return abs(a * 10 - Double(index)) < 1e-9 && (1...9).contains(index) ? row[index] : nil
        }
    }
}

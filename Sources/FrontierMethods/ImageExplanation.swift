import FrontierML

/// A global explanation of image data laid out as an image: the coefficients of g for one
/// output, at the pixels their features name (`pixel_<row>_<col>`, as the digits and MNIST
/// recipes name them).
public struct ImageExplanation: Equatable, Sendable {
    /// The output the coefficients produce (`logit[3]`).
    public var output: String
    public var intercept: Float
    public var rows: Int
    public var cols: Int
    /// Row-major `rows x cols` weights; NaN at a pixel no feature names.
    public var weights: [Double]

    /// The layout of `explanation`, whose every feature must be named `pixel_<row>_<col>`;
    /// the image spans rows and columns 0 through the largest named.
    public init(_ explanation: GlobalExplanation) throws(ImageLayoutError) {
        var cells: [(Int, Int, Float)] = []
        for term in explanation.terms {
            let parts = term.feature.split(separator: "_", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0] == "pixel", let r = Int(parts[1]), let c = Int(parts[2]), r >= 0, c >= 0,
                  r < 10_000, c < 10_000 else {
                throw ImageLayoutError(feature: term.feature)
            }
            cells.append((r, c, term.weight))
        }
        guard !cells.isEmpty else { throw ImageLayoutError(feature: nil) }
        output = explanation.output
        intercept = explanation.intercept
        rows = cells.map(\.0).max()! + 1
        cols = cells.map(\.1).max()! + 1
        weights = [Double](repeating: .nan, count: rows * cols)
        for (r, c, w) in cells { weights[r * cols + c] = Double(w) }
    }
}

/// A feature that does not name a pixel, so an explanation cannot be drawn as an image.
public struct ImageLayoutError: Error, CustomStringConvertible, Sendable {
    /// The offending feature's name; nil when there are no features at all.
    public var feature: String?

    public var description: String {
        guard let feature else { return "the explanation has no features to lay out as an image" }
        return "feature '\(feature)' is not named pixel_<row>_<col>: heat maps need image data (e.g. the digits or mnist-10k recipes)"
    }
}

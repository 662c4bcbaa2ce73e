import Foundation

/// The secret every request to the web view must carry when one is set.
public struct AccessToken: Sendable {
    /// Fewer characters than this would be guessable.
    public static let minimumLength = 16
    let value: [UInt8]

    /// A token from its text (surrounding whitespace removed).
    ///
    /// - Throws: `WebError.badToken` when it is shorter than `minimumLength` or holds whitespace.
    public init(_ text: String, source: String = "the token") throws(WebError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count >= Self.minimumLength else {
            throw .badToken(path: source, "a token needs at least \(Self.minimumLength) characters")
        }
        guard !trimmed.contains(where: \.isWhitespace) else {
            throw .badToken(path: source, "a token is one word (no spaces or line breaks inside)")
        }
        value = Array(trimmed.utf8)
    }

    /// The token in the file at `path` (its only line).
    public init(contentsOf path: String) throws(WebError) {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw .badToken(path: path, "cannot read it (\(error.localizedDescription))")
        }
        try self.init(text, source: path)
    }

    /// Whether `candidate` is the token, in time that depends on its length only (not on
    /// how many leading characters match).
    public func matches(_ candidate: some StringProtocol) -> Bool {
        let bytes = Array(candidate.utf8)
        var difference: UInt8 = bytes.count == value.count ? 0 : 1
        for i in 0..<bytes.count {
            difference |= bytes[i] ^ value[i % value.count]
        }
        return difference == 0
    }
}

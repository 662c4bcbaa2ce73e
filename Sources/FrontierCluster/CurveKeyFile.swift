import Foundation
import FrontierTransport

/// A key file that cannot be used, naming the file and what is wrong with it.
public struct CurveKeyFileError: Error, CustomStringConvertible, Equatable {
    public var path: String
    public var problem: String

    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { "CURVE key file \(path): \(problem)" }
}

/// CURVE key files, in ZeroMQ's zcert text format so czmq tools read them too:
///
///     #   Frontier CURVE key pair (`frontier keys generate`). SECRET: keep it on this machine.
///     metadata
///     curve
///         public-key = "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7"
///         secret-key = "JTKVSB%%)wK0E.X)V>+}o?pNmC{O&4W4b!Ni{Lh6"
///
/// `NAME.key` holds both keys and must not be readable by other users;
/// `NAME.pub` is the same without the `secret-key` line and is what gets shared
/// (a coordinator's `.pub` goes to clients, a client's to the coordinator's
/// `--authorized-keys` directory). Lines starting with `#`, the `metadata` and
/// `curve` section names and any other `name = value` line are ignored; keys
/// may be quoted or not.
public enum CurveKeyFile {
    /// What a key file holds.
    public struct Contents: Equatable, Sendable {
        public var publicKey: String
        /// nil in a `.pub` file.
        public var secretKey: String?
    }

    /// Parses a key file's text; `path` only names the file in errors.
    public static func parse(_ text: String, path: String) throws(CurveKeyFileError) -> Contents {
        var values: [String: String] = [:]
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\r")))
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, parts[0] == "public-key" || parts[0] == "secret-key" else { continue }
            var value = parts[1]
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            if values[parts[0]] != nil {
                throw CurveKeyFileError(path: path, problem: "line \(index + 1): a second \(parts[0])")
            }
            if let problem = ZMQCurveKeyPair.problem(withZ85Key: value) {
                throw CurveKeyFileError(path: path, problem: "line \(index + 1): \(parts[0]): \(problem)")
            }
            values[parts[0]] = value
        }
        guard let publicKey = values["public-key"] else {
            throw CurveKeyFileError(path: path, problem: "no `public-key = \"...\"` line (is this a Frontier or zcert key file?)")
        }
        return Contents(publicKey: publicKey, secretKey: values["secret-key"])
    }

    /// The text of a key file; with `secretKey` nil, a public (`.pub`) file.
    public static func render(publicKey: String, secretKey: String?, generatedAt: Date = Date()) -> String {
        let stamp = ISO8601DateFormatter().string(from: generatedAt)
        var text = secretKey == nil
            ? "#   Frontier CURVE public key (`frontier keys generate`, \(stamp)). Safe to share.\n"
            : "#   Frontier CURVE key pair (`frontier keys generate`, \(stamp)).\n"
                + "#   SECRET: keep this file on this machine, mode 0600; share the .pub file instead.\n"
        text += "#   ZeroMQ zcert format.\nmetadata\ncurve\n    public-key = \"\(publicKey)\"\n"
        if let secretKey { text += "    secret-key = \"\(secretKey)\"\n" }
        return text
    }

    /// Reads a `.pub` or `.key` file for its public key (no permission check: the secret is not used).
    public static func readPublicKey(path: String) throws(CurveKeyFileError) -> String {
        try parse(try readText(path), path: path).publicKey
    }

    /// Reads a `.key` file for a key pair to use: it must hold a secret key that
    /// matches its public key and must not be accessible to other users.
    public static func readKeyPair(path: String) throws(CurveKeyFileError) -> ZMQCurveKeyPair {
        let contents = try parse(try readText(path), path: path)
        guard let secretKey = contents.secretKey else {
            throw CurveKeyFileError(path: path, problem: "no secret-key line: this is a public key; pass the .key file")
        }
        let mode = try permissions(path)
        if mode & 0o007 != 0 {
            throw CurveKeyFileError(path: path, problem: "the secret key is accessible to every user (mode "
                + String(mode, radix: 8) + "); run `chmod 600 \(path)`")
        }
        guard let derived = try? ZMQCurveKeyPair.publicKey(forSecretKey: secretKey), derived == contents.publicKey else {
            throw CurveKeyFileError(path: path, problem: "the public key does not belong to the secret key")
        }
        return ZMQCurveKeyPair(publicKey: contents.publicKey, secretKey: secretKey)
    }

    /// Writes `NAME.key` (mode 0600) and `NAME.pub` into `directory` (created if
    /// missing). Existing files are kept unless `force`. Returns both paths.
    public static func write(_ keys: ZMQCurveKeyPair, directory: String, name: String,
                             force: Bool) throws(CurveKeyFileError) -> (secret: String, public: String) {
        let base = URL(fileURLWithPath: directory).appendingPathComponent(name)
        let secretPath = base.path + ".key", publicPath = base.path + ".pub"
        if !force {
            for path in [secretPath, publicPath] where FileManager.default.fileExists(atPath: path) {
                throw CurveKeyFileError(path: path, problem: "already exists; pass --force to replace the key pair")
            }
        }
        do { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
            throw CurveKeyFileError(path: directory, problem: "cannot create the directory: \(error.localizedDescription)")
        }
        try writeFile(render(publicKey: keys.publicKey, secretKey: keys.secretKey), to: secretPath, mode: 0o600)
        try writeFile(render(publicKey: keys.publicKey, secretKey: nil), to: publicPath, mode: 0o644)
        return (secretPath, publicPath)
    }

    // MARK: Files

    private static func readText(_ path: String) throws(CurveKeyFileError) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CurveKeyFileError(path: path, problem: "no such file")
        }
        guard !isDirectory.boolValue else { throw CurveKeyFileError(path: path, problem: "is a directory, not a key file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CurveKeyFileError(path: path, problem: "cannot be read (permission denied?)")
        }
        guard data.count <= 64 * 1024, let text = String(data: data, encoding: .utf8) else {
            throw CurveKeyFileError(path: path, problem: "is not a text key file")
        }
        return text
    }

    private static func permissions(_ path: String) throws(CurveKeyFileError) -> Int {
        guard let mode = try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int else {
            throw CurveKeyFileError(path: path, problem: "cannot read its permissions")
        }
        return mode
    }

    /// Writes through a temporary file created with `mode` (so a secret is never
    /// readable by others, not even briefly) and renames it into place.
    private static func writeFile(_ text: String, to path: String, mode: mode_t) throws(CurveKeyFileError) {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, mode)
        guard fd >= 0 else {
            throw CurveKeyFileError(path: path, problem: "cannot write: \(String(cString: strerror(errno)))")
        }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0 && fchmod(fd, mode) == 0
        close(fd)
        guard written == bytes.count, synced, rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw CurveKeyFileError(path: path, problem: "cannot write: \(reason)")
        }
    }
}

import ArgumentParser
import Foundation
import FrontierCluster
import FrontierTransport

/// `frontier keys`: CURVE key pairs for encrypting and authenticating the cluster.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Make CURVE key pairs for an encrypted, authenticated cluster (see docs/security.md).",
        subcommands: [KeysGenerateCommand.self])
}

struct KeysGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a new CURVE key pair: NAME.key (secret, mode 0600) and NAME.pub (public).",
        discussion: """
        The files use ZeroMQ's zcert text format (`public-key = "..."` and `secret-key = "..."` \
        lines; docs/security.md). Keep NAME.key on the machine that uses it; hand NAME.pub out: \
        the coordinator's to every client (--curve-server-key), each client's to the coordinator's \
        --authorized-keys directory. An existing key pair is never replaced without --force.

        Examples:
          frontier keys generate --out /etc/frontier/keys --name coordinator
          frontier keys generate --out ~/.frontier --name edge-01 --json
        """)

    @Option(help: ArgumentHelp("Directory to write the key files into (created if missing).", valueName: "dir"))
    var out: String

    @Option(help: "Base name of the files (default: this host's name).")
    var name: String?

    @Flag(help: "Replace existing key files of that name.")
    var force = false

    @Flag(help: "Print a JSON object (public key and paths) instead of text.")
    var json = false

    func run() throws {
        let baseName = name ?? Self.defaultName
        guard !baseName.isEmpty, !baseName.contains("/"), !baseName.hasPrefix(".") else {
            throw ValidationError("--name '\(baseName)': use a plain file name such as coordinator or edge-01")
        }
        guard ZMQ.hasCurve else { throw ValidationError("this libzmq was built without CURVE support") }
        let keys = try ZMQCurveKeyPair.generate()
        let paths: (secret: String, public: String)
        do { paths = try CurveKeyFile.write(keys, directory: out, name: baseName, force: force) } catch {
            throw KeyProblem(error.description)
        }
        if json {
            let object: [String: String] = ["public_key": keys.publicKey, "secret_file": paths.secret,
                                            "public_file": paths.public]
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print("public key: \(keys.publicKey)")
            print("secret:     \(paths.secret) (mode 0600; keep it on this machine)")
            print("public:     \(paths.public) (share it)")
        }
    }

    /// The host name up to its first dot, or "frontier".
    static var defaultName: String {
        let host = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? ""
        return host.isEmpty || host == "localhost" ? "frontier" : host
    }
}

// swift-tools-version: 6.1
import PackageDescription

// Layering (each layer imports only the ones above it):
//   FrontierSupport  standard-library additions both stacks share (Duration.seconds); no dependencies
//   FrontierSettings settings trees read from YAML, JSON or options, with a typed reader naming bad fields' paths
//   CBLAS          system BLAS/LAPACK (OpenBLAS) through pkg-config
//   CKernels       vectorised element-wise kernels in C (optimiser update, activations)
//   FrontierML     numerics: matrices, layers, losses, optimisers, training loop, metrics
//   FrontierSolvers   numerical optimisation with no knowledge of explanations: LAPACK eigen/Cholesky, Kronecker
//                     solves, CG, FISTA, ADMM, proximal maps, simplex QP, Gaussian processes, NSGA-II
//   FrontierData   delimited-text loading, dataset recipes, preprocessing, synthetic data
//   FrontierMethods   training methods as plug-ins (joint f/g, STL + post-hoc surrogate, linear, MGDA, EPO, bi-level),
//                     LIME, fidelity metrics, edge cost
//   FrontierExplain  explainers of a trained model (LIME, KernelSHAP, gradients, IG, linear, POE, AGG, MOFAE),
//                    property metrics, synthetic explanation targets
//   FrontierExperiments  paper reproductions and benchmarks of explainers (POE's fronts and timings)
//   FrontierModels   model files (networks as safetensors + JSON metadata with the fitted preprocessing) and the model cache
//   CZeroMQ        system libzmq (ZeroMQ 4.3) through pkg-config
//   FrontierProtocol  the wire protocol: messages generated from proto-schema/frontier.proto, envelope codec
//   FrontierTransport a thin, safe Swift layer over libzmq sockets (knows nothing of messages or methods)
//   FrontierPareto    Pareto fronts, hypervolume, live sweep aggregation and exports (no dependencies)
//   FrontierCoordinator  the coordinator's durable state (SQLite via GRDB) and scheduling state machine (no networking)
//   FrontierSweep     sweep specs, tasks, shards and the JobKind plug-in protocol
//   FrontierJobs      the job kinds (one per training method, explain, noop) that run tasks on local shards
//   FrontierCluster   the network roles: coordinator server, worker agent, client (ZeroMQ + protocol); logs through swift-log
//   FrontierWeb       the coordinator's read-only web view and /metrics over HTTP (Hummingbird)
//   FrontierBench     load benches of the running system (the coordinator under simulated workers)
//   frontier       the command-line tool
let package = Package(
    name: "Frontier",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "frontier", targets: ["frontier"]),
        .library(name: "FrontierML", targets: ["FrontierML"]),
        .library(name: "FrontierData", targets: ["FrontierData"]),
        .library(name: "FrontierMethods", targets: ["FrontierMethods"]),
        .library(name: "FrontierSolvers", targets: ["FrontierSolvers"]),
        .library(name: "FrontierExplain", targets: ["FrontierExplain"]),
        .library(name: "FrontierModels", targets: ["FrontierModels"]),
        .library(name: "FrontierPareto", targets: ["FrontierPareto"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // The coordinator's read-only web view (HTTP, server-sent events); no traits: nothing of swift-configuration.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
    ],
    targets: [
        .systemLibrary(
            name: "CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        .systemLibrary(
            name: "CZeroMQ",
            pkgConfig: "libzmq",
            providers: [.apt(["libzmq3-dev"])]
        ),
        // Element-wise kernels (Adam, ReLU) in C: vectorised for AVX-512/AVX2 with runtime dispatch.
        .target(name: "CKernels", cSettings: [.unsafeFlags(["-O3", "-fno-math-errno"])]),
        .target(name: "FrontierSupport"),
        // Settings trees (YAML, JSON, command-line options) and their typed, path-naming reader.
        .target(name: "FrontierSettings", dependencies: [.product(name: "Yams", package: "Yams")]),
        .target(name: "FrontierML", dependencies: ["CBLAS", "CKernels", "FrontierSupport"]),
        // Optimisation numerics (POE's solvers, MOFAE's NSGA-II): nothing here knows what an explanation is.
        .target(name: "FrontierSolvers", dependencies: ["CBLAS", "FrontierML"]),
        .target(
            name: "FrontierProtocol",
            dependencies: [.product(name: "SwiftProtobuf", package: "swift-protobuf")]
        ),
        .target(name: "FrontierTransport", dependencies: ["CZeroMQ"]),
        .target(name: "FrontierData", dependencies: ["FrontierML", "FrontierSettings", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "FrontierMethods", dependencies: ["FrontierML", "FrontierData", "FrontierSettings", "FrontierSupport"]),
        // Explainers read a model; they know nothing of datasets, training methods or the cluster.
        .target(name: "FrontierExplain", dependencies: ["FrontierML", "FrontierSolvers", "FrontierSettings", "FrontierSupport"]),
        // Reproductions and benchmarks: run explainers on explanation targets and write tables and figures.
        .target(name: "FrontierExperiments", dependencies: ["FrontierExplain", "FrontierSolvers", "FrontierML", "FrontierPareto",
                                                            "FrontierMethods", "FrontierSettings"]),
        // Model files and the model cache: what a trained run leaves behind. The cluster does not depend on it.
        .target(name: "FrontierModels", dependencies: ["FrontierML", "FrontierData", "FrontierSettings"]),
        .target(name: "FrontierPareto"),
        .target(name: "FrontierSweep", dependencies: ["FrontierPareto", "FrontierSettings", "FrontierSupport", .product(name: "Yams", package: "Yams")]),
        .target(
            name: "FrontierCoordinator",
            dependencies: ["FrontierSweep", "FrontierPareto", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "GRDBSQLite", package: "GRDB.swift")]
        ),
        .target(name: "FrontierCluster",
                dependencies: ["FrontierSweep", "FrontierProtocol", "FrontierTransport", "FrontierPareto", "FrontierCoordinator",
                               "FrontierSupport", .product(name: "Logging", package: "swift-log")]),
        // The coordinator's web view: pages, JSON API, server-sent events and /metrics over HTTP. It reads the
        // coordinator's published view (FrontierCluster's CoordinatorObservatory) and nothing of the scheduler.
        .target(name: "FrontierWeb",
                dependencies: ["FrontierCluster", "FrontierProtocol", "FrontierSweep", "FrontierCoordinator", "FrontierPareto",
                               .product(name: "Hummingbird", package: "hummingbird"),
                               .product(name: "Logging", package: "swift-log")]),
        // Job kinds: how each explanation method runs as a cluster task on a local shard.
        .target(name: "FrontierJobs", dependencies: ["FrontierSweep", "FrontierMethods", "FrontierData", "FrontierML",
                                                     "FrontierModels", "FrontierExplain", "FrontierSettings", "FrontierSupport"]),
        // Load benches of the assembled system: a coordinator under many simulated workers.
        .target(name: "FrontierBench",
                dependencies: ["FrontierCluster", "FrontierWeb", "FrontierJobs", "FrontierProtocol", "FrontierTransport",
                               "FrontierSupport", .product(name: "Logging", package: "swift-log")]),
        .executableTarget(
            name: "frontier",
            dependencies: [
                "FrontierML", "FrontierData", "FrontierMethods", "FrontierSweep", "FrontierJobs", "FrontierCluster",
                "FrontierCoordinator", "FrontierPareto", "FrontierProtocol", "FrontierTransport", "FrontierSupport",
                "FrontierSettings", "FrontierModels", "FrontierExplain", "FrontierExperiments", "FrontierWeb",
                "FrontierBench",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "FrontierMLTests", dependencies: ["FrontierML"]),
        .testTarget(name: "FrontierSolversTests", dependencies: ["FrontierSolvers", "FrontierML"]),
        .testTarget(name: "FrontierDataTests", dependencies: ["FrontierData", "FrontierSettings"]),
        .testTarget(name: "FrontierMethodsTests", dependencies: ["FrontierMethods", "FrontierData", "FrontierSettings", "FrontierSupport"]),
        // FrontierMethods only for the test that LIME matches TabularLIME draw for draw.
        .testTarget(name: "FrontierExplainTests", dependencies: ["FrontierExplain", "FrontierML", "FrontierMethods", "FrontierSettings",
                                                               "FrontierSolvers"]),
        .testTarget(name: "FrontierExperimentsTests", dependencies: ["FrontierExperiments", "FrontierExplain", "FrontierSolvers",
                                                                     "FrontierML", "FrontierMethods", "FrontierSettings", "FrontierData"]),
        .testTarget(name: "FrontierModelsTests", dependencies: ["FrontierModels", "FrontierData", "FrontierML", "FrontierSettings"]),
        .testTarget(name: "FrontierProtocolTests", dependencies: ["FrontierProtocol"]),
        .testTarget(name: "FrontierTransportTests", dependencies: ["FrontierTransport"]),
        .testTarget(name: "FrontierParetoTests", dependencies: ["FrontierPareto"]),
        .testTarget(name: "FrontierCoordinatorTests", dependencies: ["FrontierCoordinator"]),
        .testTarget(name: "FrontierClusterTests", dependencies: ["FrontierCluster", "FrontierProtocol", "FrontierTransport",
                                                              "FrontierSettings", "FrontierWeb", "FrontierCoordinator",
                                                              "FrontierPareto", "FrontierSweep", "FrontierSupport", "FrontierML",
                                                              .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "FrontierBenchTests", dependencies: ["FrontierBench"]),
        .testTarget(name: "FrontierWebTests", dependencies: ["FrontierWeb", "FrontierCoordinator"]),
        .testTarget(name: "FrontierSweepTests", dependencies: ["FrontierSweep", "FrontierJobs", "FrontierSettings"]),
        .testTarget(name: "FrontierJobsTests", dependencies: ["FrontierJobs", "FrontierSweep", "FrontierData", "FrontierML", "FrontierMethods",
                                                              "FrontierSettings", "FrontierModels", "FrontierExplain"]),
    ]
)

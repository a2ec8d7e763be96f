package io.vexfs.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The {@code vexfs} command: creates, inspects, checks and edits VexFS volume images.
 *
 * <p>Exit status: 0 on success, 2 for usage errors, otherwise the positive errno of the failure
 * ({@code VexfsError.exitCode()}), e.g. 2 for ENOENT, 17 for EEXIST, 117 (EUCLEAN) when fsck leaves problems.
 */
@Command(name = "vexfs",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Create, inspect, check and edit VexFS volume images.",
        subcommands = {
            CommandLine.HelpCommand.class,
            MkfsCommand.class,
            InfoCommand.class,
            FsckCommand.class,
            LsCommand.class,
            TreeCommand.class,
            CatCommand.class,
            PutCommand.class,
            GetCommand.class,
            ImportCommand.class,
            RmCommand.class,
            MvCommand.class,
            MkdirCommand.class,
            MkspaceCommand.class,
            SpacesCommand.class,
            RmspaceCommand.class,
            SetvecCommand.class,
            GetvecCommand.class,
            RmvecCommand.class,
            SearchCommand.class,
            SelftestCommand.class,
            DemoCommand.class,
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:success",
            "2:usage error (also ENOENT: no such file)",
            "61:ENODATA: the file has no vector in that space",
            "N:the errno of the failure, e.g. 17 EEXIST, 20 ENOTDIR, 28 ENOSPC, 117 EUCLEAN (fsck problems remain)",
        })
public final class VexfsCommand implements Runnable {
    private final OutputStream binaryOut;

    @Spec
    CommandSpec spec;

    /** The command writing file contents ({@code cat}) to {@link System#out}. */
    public VexfsCommand() {
        this(System.out);
    }

    VexfsCommand(OutputStream binaryOut) {
        this.binaryOut = binaryOut;
    }

    /** Where raw file contents go (the text writer of the command line is flushed first). */
    OutputStream binaryOut() {
        return binaryOut;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
    }

    /** A configured command line writing text to {@code out}/{@code err} and raw bytes to {@code binaryOut}. */
    static CommandLine commandLine(OutputStream binaryOut, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new VexfsCommand(binaryOut));
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(new ErrorReporter());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    /** Runs the command line {@code args} and exits with the errno-based status. */
    public static void main(String[] args) {
        PrintStream stdout = System.out;
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int status = commandLine(stdout, out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(status);
    }
}

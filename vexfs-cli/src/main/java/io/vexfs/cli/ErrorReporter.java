package io.vexfs.cli;

import io.vexfs.api.VexfsError;
import io.vexfs.api.VexfsException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * Turns a failure into one line on stderr and an exit status: the errno of a {@link VexfsException}
 * (host I/O errors are mapped to errnos first). Only internal errors (bugs) print a stack trace.
 */
final class ErrorReporter implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        cmd.getOut().flush();
        Throwable t = ex instanceof UncheckedIOException u ? u.getCause() : ex;
        String who = cmd.getCommandSpec().qualifiedName(" ");
        if (t instanceof VexfsException ve) {
            err.println(format(who, ve));
            err.flush();
            return ve.error().exitCode();
        }
        if (t instanceof IOException io) {
            VexfsException ve = HostErrors.toVexfs(io, null);
            err.println(format(who, ve));
            err.flush();
            return ve.error().exitCode();
        }
        err.println(who + ": internal error (a bug, please report it): " + t);
        t.printStackTrace(err);
        err.flush();
        return VexfsError.EIO.exitCode();
    }

    /** {@code vexfs ls: /x: no such file or directory [ENOENT, errno 2]}. */
    static String format(String who, VexfsException e) {
        return who + ": " + e.detail() + " [" + e.error().name() + ", errno " + e.error().exitCode() + "]";
    }
}

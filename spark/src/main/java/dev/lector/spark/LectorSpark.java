package dev.lector.spark;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lector-spark}: OCR every file under a glob on Spark and write one row per page as Parquet
 * or JSON Lines. Started by {@code ./lector-spark} (Spark in this JVM) or by {@code spark-submit
 * --class dev.lector.spark.LectorSpark lector-spark-cluster.jar ...} (then without {@code --master}).
 * Files that cannot be read are rows with their error; the job still succeeds.
 */
@Command(name = "lector-spark", mixinStandardHelpOptions = true,
        description = "OCR files on Apache Spark: one row per page (path, page, text, lines, fields, error).")
public final class LectorSpark implements Callable<Integer> {

    @Option(names = "--master", paramLabel = "URL", description = "Spark master, e.g. local[2]; leave out under spark-submit.")
    String master;

    @Option(names = "--input", required = true, paramLabel = "GLOB", description = "Files to read: a path, folder or glob (any Hadoop file system).")
    String input;

    @Option(names = {"-r", "--recursive"}, description = "Descend into sub-folders of the input (recursiveFileLookup).")
    boolean recursive;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Folder to write (it must not exist unless --overwrite).")
    String output;

    @Option(names = "--format", defaultValue = "parquet", paramLabel = "parquet|jsonl", description = "Output format (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--template", paramLabel = "NAME", description = "Extract fields with a built-in template (receipt, invoice, ...) or a template JSON file.")
    String template;

    @Option(names = "--partitions", defaultValue = "0", paramLabel = "N", description = "Partitions the pages are spread over (default: four per core).")
    int partitions;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N",
            description = "Inference workers of each executor's engine (default: the executor JVM's cores; set it to spark.executor.cores).")
    int threads;

    @Option(names = "--pages-in-flight", defaultValue = "2", paramLabel = "N", description = "Pages each task keeps in the engine at once (default ${DEFAULT-VALUE}).")
    int pagesInFlight;

    @Option(names = "--overwrite", description = "Replace the output folder if it exists.")
    boolean overwrite;

    public static void main(String[] args) {
        int code = new CommandLine(new LectorSpark())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("lector-spark: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
                    return 1;
                })
                .execute(args);
        if (code != 0) System.exit(code);
    }

    @Override
    public Integer call() throws java.io.IOException {
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!fmt.equals("parquet") && !fmt.equals("jsonl")) throw new IllegalArgumentException("--format must be parquet or jsonl, not " + format);
        LectorOcr ocr = LectorOcr.defaults().withEngine(new EngineSettings(threads)).withPartitions(partitions)
                .withPagesInFlight(pagesInFlight).withTemplate(template == null ? null : TemplateChoice.of(template));
        SparkSession.Builder builder = SparkSession.builder().appName("lector-spark");
        if (master != null) builder = builder.master(master);
        if (master != null && master.startsWith("local")) builder = builder.config("spark.ui.enabled", "false");
        try (SparkSession spark = builder.getOrCreate()) {
            long t0 = System.nanoTime();
            Dataset<Row> pages = ocr.transform(LectorOcr.readFiles(spark, input, recursive));
            var writer = pages.write().mode(overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists);
            if (fmt.equals("parquet")) writer.parquet(output);
            else writer.option("ignoreNullFields", "false").json(output);
            double seconds = (System.nanoTime() - t0) / 1e9;
            Dataset<Row> written = fmt.equals("parquet") ? spark.read().parquet(output) : spark.read().schema(LectorOcr.PAGE_SCHEMA).json(output);
            Row counts = written.agg(functions.count(functions.lit(1)), functions.countDistinct(functions.col("path")),
                    functions.count(functions.col("error"))).first();
            long rows = counts.getLong(0);
            long errors = counts.getLong(2);
            System.err.printf(Locale.ROOT, "lector-spark: %d rows (%d pages read, %d errors) from %d files in %.1f s: %.2f pages/s; wrote %s (%s)%n",
                    rows, rows - errors, errors, counts.getLong(1), seconds, (rows - errors) / seconds, output, fmt);
        }
        return 0;
    }
}

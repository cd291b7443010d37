package dev.lector.spark;

import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * OCR as a DataFrame transformation: a frame of files with a string {@code path} and a binary
 * {@code content} column (what Spark's {@code binaryFile} source gives) becomes one row per page,
 * {@link #PAGE_SCHEMA}. PDFs are split into pages before the rows are repartitioned, so one long PDF
 * is not one long task. Immutable; build with the {@code with*} methods.
 *
 * <pre>{@code
 * Dataset<Row> files = LectorOcr.readFiles(spark, "s3a://bucket/scans/**.pdf", true);
 * Dataset<Row> pages = LectorOcr.defaults().withTemplate(TemplateChoice.of("receipt")).transform(files);
 * pages.write().parquet("s3a://bucket/ocr/");
 * }</pre>
 *
 * @param engine        the executors' engine settings
 * @param template      fields to extract from every page; null for none
 * @param partitions    partitions the pages are spread over; 0 for four per core of the application
 * @param pagesInFlight pages each task keeps in the engine at once
 */
public record LectorOcr(EngineSettings engine, TemplateChoice template, int partitions, int pagesInFlight)
        implements Function<Dataset<Row>, Dataset<Row>> {

    /** A page row: {@code page} is null only on a whole-file error; {@code text}/{@code lines} null on an error. */
    public static final StructType PAGE_SCHEMA = new StructType()
            .add("path", DataTypes.StringType, false)
            .add("page", DataTypes.IntegerType, true)
            .add("text", DataTypes.StringType, true)
            .add("lines", DataTypes.StringType, true)
            .add("fields", DataTypes.StringType, true)
            .add("error", DataTypes.StringType, true);

    /** A row of work between the split and the reading: page 0 means the whole file. */
    static final StructType WORK_SCHEMA = new StructType()
            .add("path", DataTypes.StringType, false)
            .add("page", DataTypes.IntegerType, false)
            .add("content", DataTypes.BinaryType, true)
            .add("error", DataTypes.StringType, true);

    public LectorOcr {
        if (engine == null) throw new IllegalArgumentException("engine settings must not be null");
        if (partitions < 0) throw new IllegalArgumentException("partitions must be >= 0: " + partitions);
        if (pagesInFlight < 1 || pagesInFlight > 64) throw new IllegalArgumentException("pages in flight must be in 1..64: " + pagesInFlight);
    }

    /** {@code lector ocr}'s engine and options, no template, automatic partitions, 2 pages in flight per task. */
    public static LectorOcr defaults() {
        return new LectorOcr(EngineSettings.DEFAULT, null, 0, 2);
    }

    public LectorOcr withEngine(EngineSettings e) {
        return new LectorOcr(e, template, partitions, pagesInFlight);
    }

    public LectorOcr withTemplate(TemplateChoice t) {
        return new LectorOcr(engine, t, partitions, pagesInFlight);
    }

    public LectorOcr withPartitions(int n) {
        return new LectorOcr(engine, template, n, pagesInFlight);
    }

    public LectorOcr withPagesInFlight(int n) {
        return new LectorOcr(engine, template, partitions, n);
    }

    /**
     * The files under {@code pathOrGlob} as Spark's {@code binaryFile} source reads them
     * ({@code path, modificationTime, length, content}); {@code recursive} descends into folders.
     */
    public static Dataset<Row> readFiles(SparkSession spark, String pathOrGlob, boolean recursive) {
        return spark.read().format("binaryFile").option("recursiveFileLookup", String.valueOf(recursive)).load(pathOrGlob);
    }

    /** The page rows of {@code files} (columns {@code path} and {@code content}; others are ignored). Lazy. */
    @Override
    public Dataset<Row> apply(Dataset<Row> files) {
        return transform(files);
    }

    /** The same as {@link #apply}. */
    public Dataset<Row> transform(Dataset<Row> files) {
        Dataset<Row> work = files.select("path", "content").flatMap(new PageSplitter(), Encoders.row(WORK_SCHEMA));
        int n = partitions > 0 ? partitions : Math.max(1, files.sparkSession().sparkContext().defaultParallelism() * 4);
        return work.repartition(n).mapPartitions(new PageReader(engine, template, pagesInFlight), Encoders.row(PAGE_SCHEMA));
    }
}

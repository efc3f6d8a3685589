"""govreports: Chinese government budget and performance reports to exact, queryable Parquet datasets."""

PIPELINE_VERSION = "0.1.0"

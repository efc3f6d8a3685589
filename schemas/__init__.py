"""pyarrow schemas of the contracted datasets and the validation every write goes through."""
from schemas.datasets import ENUMS, RECORD_DATASETS, SCHEMAS, SCHEMA_VERSION
from schemas.validate import SchemaViolation, split_valid, to_arrow

__all__ = ["ENUMS", "RECORD_DATASETS", "SCHEMAS", "SCHEMA_VERSION", "SchemaViolation", "split_valid", "to_arrow"]

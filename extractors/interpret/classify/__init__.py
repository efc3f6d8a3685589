"""Document classification: doc_type, org, region, year and title (DocMeta)."""

/// The HTTP API described in OpenAPI 3.1, served at `/api/openapi.json`. The tests check every
/// API response against the schemas here, so the document and the server cannot drift apart.
enum OpenAPIDocument {
    static let json = #"""
        {
          "openapi": "3.1.0",
          "info": {"title": "noticed", "version": "1", "description": "Read-only access to a store of civil-affairs notices."},
          "paths": {
            "/api/search": {
              "get": {
                "summary": "Search titles and texts; facets and the timeline count every match (sampled is always false).",
                "parameters": [
                  {"$ref": "#/components/parameters/q"}, {"$ref": "#/components/parameters/tag"},
                  {"$ref": "#/components/parameters/region"}, {"$ref": "#/components/parameters/level"},
                  {"$ref": "#/components/parameters/kind"}, {"$ref": "#/components/parameters/agency"},
                  {"$ref": "#/components/parameters/since"}, {"$ref": "#/components/parameters/until"},
                  {"$ref": "#/components/parameters/page"},
                  {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}}
                ],
                "responses": {
                  "200": {"description": "A page of hits", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SearchResult"}}}},
                  "400": {"$ref": "#/components/responses/Error"}
                }
              }
            },
            "/api/documents/{id}": {
              "get": {
                "summary": "One document in the export shape.",
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer", "minimum": 1}}],
                "responses": {
                  "200": {"description": "The document", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Document"}}}},
                  "400": {"$ref": "#/components/responses/Error"},
                  "404": {"$ref": "#/components/responses/Error"}
                }
              }
            },
            "/api/timeline": {
              "get": {
                "summary": "Matches per month or year.",
                "parameters": [
                  {"$ref": "#/components/parameters/q"}, {"$ref": "#/components/parameters/tag"},
                  {"$ref": "#/components/parameters/region"}, {"$ref": "#/components/parameters/since"},
                  {"$ref": "#/components/parameters/until"},
                  {"name": "by", "in": "query", "schema": {"type": "string", "enum": ["month", "year"], "default": "month"}}
                ],
                "responses": {
                  "200": {"description": "Periods, oldest first", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Period"}}}}},
                  "400": {"$ref": "#/components/responses/Error"}
                }
              }
            },
            "/api/stats": {
              "get": {
                "summary": "Counts of the store and the daemon's state.",
                "responses": {"200": {"description": "Statistics", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Stats"}}}}}
              }
            }
          },
          "components": {
            "parameters": {
              "q": {"name": "q", "in": "query", "description": "Query: words in either script, AND, OR, NOT, \"phrases\", parentheses.", "schema": {"type": "string", "maxLength": 256}},
              "tag": {"name": "tag", "in": "query", "schema": {"type": "string", "maxLength": 64}},
              "region": {"name": "region", "in": "query", "description": "GB/T 2260 code or name; a province includes its cities.", "schema": {"type": "string", "maxLength": 64}},
              "level": {"name": "level", "in": "query", "schema": {"type": "string", "enum": ["national", "provincial", "prefectural", "county"]}},
              "kind": {"name": "kind", "in": "query", "schema": {"type": "string", "enum": ["meeting", "notice", "report", "other"]}},
              "agency": {"name": "agency", "in": "query", "schema": {"type": "string", "maxLength": 64}},
              "since": {"name": "since", "in": "query", "description": "YYYY, YYYY-MM or YYYY-MM-DD", "schema": {"type": "string"}},
              "until": {"name": "until", "in": "query", "description": "YYYY, YYYY-MM or YYYY-MM-DD", "schema": {"type": "string"}},
              "page": {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 1}}
            },
            "responses": {
              "Error": {"description": "One line saying what is wrong", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
            },
            "schemas": {
              "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}},
              "Counts": {"type": "object", "additionalProperties": {"type": "integer"}},
              "Hit": {
                "type": "object",
                "required": ["id", "file", "title", "agency", "published", "tags", "score", "snippet"],
                "properties": {
                  "id": {"type": "integer"}, "file": {"type": "string"}, "title": {"type": ["string", "null"]},
                  "agency": {"type": ["string", "null"]}, "published": {"type": ["string", "null"]},
                  "tags": {"type": "array", "items": {"type": "string"}}, "score": {"type": "number"},
                  "snippet": {"type": "string"}, "part": {"type": "string", "enum": ["page", "attachment"]},
                  "attachment_of": {"type": ["integer", "null"]}
                }
              },
              "SearchResult": {
                "type": "object",
                "required": ["total", "hits", "facets"],
                "properties": {
                  "total": {"type": "integer"}, "page": {"type": "integer"}, "sampled": {"type": "boolean"},
                  "hits": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
                  "facets": {
                    "type": "object",
                    "required": ["tag", "region", "level", "kind", "agency", "year"],
                    "properties": {
                      "tag": {"$ref": "#/components/schemas/Counts"}, "region": {"$ref": "#/components/schemas/Counts"},
                      "level": {"$ref": "#/components/schemas/Counts"}, "kind": {"$ref": "#/components/schemas/Counts"},
                      "agency": {"$ref": "#/components/schemas/Counts"}, "year": {"$ref": "#/components/schemas/Counts"}
                    }
                  }
                }
              },
              "Period": {"type": "object", "required": ["period", "count"], "properties": {"period": {"type": "string"}, "count": {"type": "integer"}}},
              "Document": {
                "type": "object",
                "required": ["id", "file", "sha256", "title", "published", "agency", "kind", "tags", "people", "cluster"],
                "properties": {
                  "id": {"type": "integer"}, "file": {"type": "string"}, "sha256": {"type": "string"},
                  "title": {"type": ["string", "null"]}, "published": {"type": ["string", "null"]},
                  "agency": {"type": ["string", "null"]}, "kind": {"type": "string"},
                  "tags": {"type": "array", "items": {"type": "string"}},
                  "people": {"type": "array", "items": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}, "positions": {"type": "array", "items": {"type": "string"}}}}},
                  "cluster": {"type": "integer"}
                }
              },
              "Stats": {
                "type": "object",
                "required": ["documents", "duplicates", "clusters", "failures", "last_ingest", "daemon", "by_tag", "by_month"],
                "properties": {
                  "documents": {"type": "integer"}, "duplicates": {"type": "integer"}, "clusters": {"type": "integer"},
                  "failures": {"type": "integer"}, "last_ingest": {"type": ["string", "null"]}, "daemon": {"type": "string"},
                  "waiting": {"type": ["integer", "null"]},
                  "by_tag": {"$ref": "#/components/schemas/Counts"}, "by_month": {"$ref": "#/components/schemas/Counts"}
                }
              }
            }
          }
        }
        """#
}

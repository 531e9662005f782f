//! Typed reading of request bodies with Tencent-style errors that name the field path,
//! e.g. `DetailList.0.MaxCallCount`.

use serde_json::{Map, Value};

use crate::error::ApiError;

/// A JSON object at some path of the request body.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Obj<'a> {
    map: &'a Map<String, Value>,
    /// Path prefix including the trailing dot ("" at the top, "DetailList.0." inside items).
    prefix: &'a str,
    action: &'a str,
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "an integer",
        Value::Number(_) => "a decimal number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

impl<'a> Obj<'a> {
    pub fn new(map: &'a Map<String, Value>, prefix: &'a str, action: &'a str) -> Self {
        Self {
            map,
            prefix,
            action,
        }
    }

    pub fn path(&self, field: &str) -> String {
        format!("{}{field}", self.prefix)
    }

    /// Every key must be one of `allowed` (names are case-sensitive, like Tencent's).
    pub fn only(&self, allowed: &[&str]) -> Result<(), ApiError> {
        match self.map.keys().find(|k| !allowed.contains(&k.as_str())) {
            None => Ok(()),
            Some(k) => Err(ApiError::unknown(&self.path(k), self.action)),
        }
    }

    /// The value of `field`; `null` counts as absent.
    fn get(&self, field: &str) -> Option<&'a Value> {
        self.map.get(field).filter(|v| !v.is_null())
    }

    fn required(&self, field: &str) -> Result<&'a Value, ApiError> {
        self.get(field)
            .ok_or_else(|| ApiError::missing(&self.path(field)))
    }

    fn as_u64(&self, field: &str, v: &Value) -> Result<u64, ApiError> {
        v.as_u64().ok_or_else(|| {
            let got = match v {
                Value::Number(n) if n.is_i64() => "a negative integer",
                other => kind(other),
            };
            ApiError::wrong_type(&self.path(field), "an unsigned integer (uint64)", got)
        })
    }

    fn as_i64(&self, field: &str, v: &Value) -> Result<i64, ApiError> {
        v.as_i64().ok_or_else(|| {
            let got = if v.is_u64() {
                "an integer beyond int64"
            } else {
                kind(v)
            };
            ApiError::wrong_type(&self.path(field), "an integer (int64)", got)
        })
    }

    pub fn req_u64(&self, field: &str) -> Result<u64, ApiError> {
        self.as_u64(field, self.required(field)?)
    }

    pub fn req_i64(&self, field: &str) -> Result<i64, ApiError> {
        self.as_i64(field, self.required(field)?)
    }

    pub fn opt_i64(&self, field: &str) -> Result<Option<i64>, ApiError> {
        self.get(field).map(|v| self.as_i64(field, v)).transpose()
    }

    pub fn req_str(&self, field: &str) -> Result<&'a str, ApiError> {
        let v = self.required(field)?;
        v.as_str()
            .ok_or_else(|| ApiError::wrong_type(&self.path(field), "a string", kind(v)))
    }

    pub fn opt_str(&self, field: &str) -> Result<Option<&'a str>, ApiError> {
        self.get(field)
            .map(|v| {
                v.as_str()
                    .ok_or_else(|| ApiError::wrong_type(&self.path(field), "a string", kind(v)))
            })
            .transpose()
    }

    pub fn opt_bool(&self, field: &str) -> Result<Option<bool>, ApiError> {
        self.get(field)
            .map(|v| {
                v.as_bool()
                    .ok_or_else(|| ApiError::wrong_type(&self.path(field), "a boolean", kind(v)))
            })
            .transpose()
    }

    pub fn req_array(&self, field: &str) -> Result<&'a Vec<Value>, ApiError> {
        let v = self.required(field)?;
        v.as_array()
            .ok_or_else(|| ApiError::wrong_type(&self.path(field), "an array", kind(v)))
    }

    pub fn opt_array(&self, field: &str) -> Result<Option<&'a Vec<Value>>, ApiError> {
        self.get(field)
            .map(|v| {
                v.as_array()
                    .ok_or_else(|| ApiError::wrong_type(&self.path(field), "an array", kind(v)))
            })
            .transpose()
    }
}

/// Element `index` of array `field` as an object (for nested validation).
pub(crate) fn item_object<'v>(
    field_path: &str,
    index: usize,
    v: &'v Value,
) -> Result<&'v Map<String, Value>, ApiError> {
    v.as_object()
        .ok_or_else(|| ApiError::wrong_type(&format!("{field_path}.{index}"), "an object", kind(v)))
}

/// Element `index` of array `field` as uint64.
pub(crate) fn item_u64(field_path: &str, index: usize, v: &Value) -> Result<u64, ApiError> {
    v.as_u64().ok_or_else(|| {
        ApiError::wrong_type(
            &format!("{field_path}.{index}"),
            "an unsigned integer (uint64)",
            kind(v),
        )
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn errors_name_the_full_field_path() {
        let body = json!({"MaxCallCount": "10", "Extra": 1, "Neg": -1, "F": 1.5});
        let map = body.as_object().unwrap();
        let obj = Obj::new(map, "DetailList.0.", "CreateOwnNumberApply");
        let e = obj.req_i64("MaxCallCount").unwrap_err();
        assert_eq!(e.code, "InvalidParameter");
        assert!(
            e.message.contains("`DetailList.0.MaxCallCount`"),
            "{}",
            e.message
        );
        assert!(
            e.message.contains("a string"),
            "the message says what was sent: {}",
            e.message
        );
        let e = obj.only(&["MaxCallCount", "Neg", "F"]).unwrap_err();
        assert_eq!(e.code, "UnknownParameter");
        assert!(e.message.contains("`DetailList.0.Extra`"), "{}", e.message);
        let e = obj.req_u64("Neg").unwrap_err();
        assert!(e.message.contains("negative"), "{}", e.message);
        assert_eq!(obj.req_i64("F").unwrap_err().code, "InvalidParameter");
        let e = obj.req_str("Missing").unwrap_err();
        assert_eq!(e.code, "MissingParameter");
        assert!(
            e.message.contains("`DetailList.0.Missing`"),
            "{}",
            e.message
        );
    }

    #[test]
    fn null_is_treated_as_absent() {
        let body = json!({"Prefix": null, "SdkAppId": null});
        let obj = Obj::new(body.as_object().unwrap(), "", "X");
        assert_eq!(obj.opt_str("Prefix").unwrap(), None);
        assert_eq!(
            obj.req_u64("SdkAppId").unwrap_err().code,
            "MissingParameter"
        );
    }
}

//! The native registry backend (Windows only): read one value under `HKEY_CURRENT_USER`. Read-only by design:
//! mockmapi never writes the real registry. See `config/README.md` for how this module was checked.

use windows_sys::Win32::Foundation::{
    ERROR_FILE_NOT_FOUND, ERROR_PATH_NOT_FOUND, ERROR_SUCCESS, WIN32_ERROR,
};
use windows_sys::Win32::System::Registry::{
    RegGetValueW, HKEY_CURRENT_USER, REG_DWORD, REG_EXPAND_SZ, REG_MULTI_SZ, REG_QWORD, REG_SZ,
    REG_VALUE_TYPE, RRF_NOEXPAND, RRF_RT_ANY,
};

use super::hive::RegValue;

fn wide(s: &str) -> Vec<u16> {
    s.encode_utf16().chain(std::iter::once(0)).collect()
}

fn text(units: &[u16]) -> String {
    let end = units.iter().position(|&u| u == 0).unwrap_or(units.len());
    String::from_utf16_lossy(&units[..end])
}

/// Read `HKEY_CURRENT_USER\<subkey>\<name>`: `Ok(None)` if the key or the value does not exist, `Err` with the
/// Win32 error code for any other failure. `subkey` has no hive prefix (`Software\Policies\...`).
pub fn read_hkcu_value(subkey: &str, name: &str) -> Result<Option<RegValue>, u32> {
    let subkey = wide(subkey);
    let name = wide(name);
    let mut ty: REG_VALUE_TYPE = 0;
    let mut size: u32 = 0;
    // SAFETY: both strings are NUL-terminated UTF-16 that outlive the call; a NULL data pointer asks for the
    // size only; `ty` and `size` are valid for writes.
    let rc: WIN32_ERROR = unsafe {
        RegGetValueW(
            HKEY_CURRENT_USER,
            subkey.as_ptr(),
            name.as_ptr(),
            RRF_RT_ANY | RRF_NOEXPAND,
            &mut ty,
            std::ptr::null_mut(),
            &mut size,
        )
    };
    if rc == ERROR_FILE_NOT_FOUND || rc == ERROR_PATH_NOT_FOUND {
        return Ok(None);
    }
    if rc != ERROR_SUCCESS {
        return Err(rc);
    }
    // u16 storage keeps string data aligned; +2 bytes leaves room for a terminator the data may lack.
    let mut buf: Vec<u16> = vec![0; (size as usize).div_ceil(2) + 1];
    let mut len: u32 = (buf.len() * 2) as u32;
    // SAFETY: `buf` is valid for writes of `len` bytes; the other pointers as above.
    let rc: WIN32_ERROR = unsafe {
        RegGetValueW(
            HKEY_CURRENT_USER,
            subkey.as_ptr(),
            name.as_ptr(),
            RRF_RT_ANY | RRF_NOEXPAND,
            &mut ty,
            buf.as_mut_ptr().cast(),
            &mut len,
        )
    };
    if rc == ERROR_FILE_NOT_FOUND || rc == ERROR_PATH_NOT_FOUND {
        return Ok(None);
    }
    if rc != ERROR_SUCCESS {
        return Err(rc);
    }
    let bytes: Vec<u8> = buf.iter().flat_map(|u| u.to_le_bytes()).collect();
    let bytes = &bytes[..(len as usize).min(bytes.len())];
    let units = &buf[..(len as usize / 2).min(buf.len())];
    Ok(Some(match ty {
        REG_DWORD if bytes.len() == 4 => {
            RegValue::Dword(u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
        }
        REG_QWORD if bytes.len() == 8 => {
            let mut q = [0u8; 8];
            q.copy_from_slice(bytes);
            RegValue::Qword(u64::from_le_bytes(q))
        }
        REG_SZ => RegValue::Sz(text(units)),
        REG_EXPAND_SZ => RegValue::ExpandSz(text(units)),
        REG_MULTI_SZ => RegValue::MultiSz(
            units
                .split(|&u| u == 0)
                .filter(|s| !s.is_empty())
                .map(String::from_utf16_lossy)
                .collect(),
        ),
        _ => RegValue::Binary(bytes.to_vec()),
    }))
}

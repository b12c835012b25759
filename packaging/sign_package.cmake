# Runs as the last install rule (packaging/CPackConfig.cmake), so it sees every file installed before
# it: writes SHA256SUMS next to the plugin, one "<sha256>  <path>" line per installed file with paths
# relative to the plugin's folder (what `sha256sum -c` reads from there), and, when the packager names
# an Ed25519 private key in $SELLERSCORE_SIGNING_KEY, signs it into SHA256SUMS.sig and installs the
# matching public key as <datadir>/sellerscore/plugin-signing-key.pem, the key crmhost trusts.
# The key is read at packaging time only, so it never lands in the build tree, the cache or the repo.
#
# Expects SELLERSCORE_PLUGIN_DIR and SELLERSCORE_DATA_DIR (relative to the prefix) from install(CODE).

# Paths as installed (what CMAKE_INSTALL_MANIFEST_FILES holds, without DESTDIR) and where they are now:
# the TGZ generator stages into the prefix itself, the DEB generator into DESTDIR + /usr.
set(destdir "$ENV{DESTDIR}")
set(plugin_dir "${CMAKE_INSTALL_PREFIX}/${SELLERSCORE_PLUGIN_DIR}")
set(sums "${plugin_dir}/SHA256SUMS")
set(signature "${sums}.sig")
set(public_key "${CMAKE_INSTALL_PREFIX}/${SELLERSCORE_DATA_DIR}/sellerscore/plugin-signing-key.pem")

# CMAKE_INSTALL_MANIFEST_FILES: everything this install wrote so far. Sorted, so the list (and its
# signature) depends on the files only.
set(installed ${CMAKE_INSTALL_MANIFEST_FILES})
list(REMOVE_DUPLICATES installed)
list(SORT installed)
set(lines "")
foreach(file IN LISTS installed)
  set(at -1)
  if(destdir)
    string(FIND "${file}" "${destdir}" at)
  endif()
  if(at EQUAL 0)
    set(on_disk "${file}")
    string(LENGTH "${destdir}" destdir_length)
    string(SUBSTRING "${file}" ${destdir_length} -1 file)
  else()
    set(on_disk "${destdir}${file}")
  endif()
  if(file STREQUAL sums OR file STREQUAL signature OR file STREQUAL public_key OR IS_DIRECTORY "${on_disk}")
    continue()
  endif()
  file(SHA256 "${on_disk}" hash)
  file(RELATIVE_PATH relative "${plugin_dir}" "${file}")
  string(APPEND lines "${hash}  ${relative}\n")
endforeach()
file(WRITE "${destdir}${sums}" "${lines}")
file(CHMOD "${destdir}${sums}" PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
list(APPEND CMAKE_INSTALL_MANIFEST_FILES "${sums}")
message(STATUS "Package manifest: ${sums}")

if("$ENV{SELLERSCORE_SIGNING_KEY}" STREQUAL "")
  file(REMOVE "${destdir}${signature}" "${destdir}${public_key}")
  message(WARNING "SELLERSCORE_SIGNING_KEY is not set: this package is unsigned, and its crmhost refuses to load "
                  "the plugin unless SELLERSCORE_ALLOW_UNSIGNED_PLUGIN=1 is set")
  return()
endif()

find_program(SELLERSCORE_OPENSSL openssl REQUIRED)
execute_process(
  COMMAND "${SELLERSCORE_OPENSSL}" pkeyutl -sign -rawin -inkey "$ENV{SELLERSCORE_SIGNING_KEY}" -in "${destdir}${sums}"
          -out "${destdir}${signature}"
  RESULT_VARIABLE signed ERROR_VARIABLE sign_error)
if(NOT signed EQUAL 0)
  message(FATAL_ERROR "signing ${sums} with $SELLERSCORE_SIGNING_KEY failed: ${sign_error}")
endif()
get_filename_component(public_key_dir "${destdir}${public_key}" DIRECTORY)
file(MAKE_DIRECTORY "${public_key_dir}")
execute_process(
  COMMAND "${SELLERSCORE_OPENSSL}" pkey -in "$ENV{SELLERSCORE_SIGNING_KEY}" -pubout -out "${destdir}${public_key}"
  RESULT_VARIABLE derived ERROR_VARIABLE derive_error)
if(NOT derived EQUAL 0)
  message(FATAL_ERROR "deriving the public key from $SELLERSCORE_SIGNING_KEY failed: ${derive_error}")
endif()
file(CHMOD "${destdir}${signature}" "${destdir}${public_key}" PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
list(APPEND CMAKE_INSTALL_MANIFEST_FILES "${signature}" "${public_key}")
message(STATUS "Signed: ${signature}; trusted key installed as ${public_key}")

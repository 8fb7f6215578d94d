# Assembles the web client that accord-server serves (cmake -P, run by client/CMakeLists.txt):
#   web/ + the linker's app.js and app.wasm + the CJK font  ->  SITE_DIR
# Every file index.html refers to (src= / href=, relative or from the root) is renamed
# <stem>.<first 8 hex of its SHA-256>.<ext> and the page rewritten to match, so the server can
# let browsers keep those files for a year (server/http/static_files.cpp) and a new build is
# still picked up at once: only index.html is revalidated. Scripts find the wasm and the font
# through the page's preload links (web/bridges/boot.js), so no script text is rewritten.
# Then each compressible file gets a brotli twin (<file>.br) when that is smaller.
#
# Inputs (-D): WEB_DIR, APP_DIR (holding app.js and app.wasm), FONT_FILE, SITE_DIR, BROTLI,
# CACHE_DIR (brotli output by content hash: -q 11 on the font takes seconds, so a rebuild that
# changed only the app does not redo it).
cmake_minimum_required(VERSION 3.21)  # file(COPY_FILE), IN_LIST
foreach(var WEB_DIR APP_DIR FONT_FILE SITE_DIR BROTLI CACHE_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "assemble_site.cmake: -D${var}=... is required")
  endif()
endforeach()

# Built beside the site and swapped in at the end: a server reading SITE_DIR never sees half a
# site, and files of earlier builds do not pile up.
set(stage "${SITE_DIR}.new")
file(REMOVE_RECURSE "${stage}")
file(COPY "${WEB_DIR}/" DESTINATION "${stage}")
file(COPY "${APP_DIR}/app.js" "${APP_DIR}/app.wasm" DESTINATION "${stage}")
file(MAKE_DIRECTORY "${stage}/fonts")
file(COPY_FILE "${FONT_FILE}" "${stage}/fonts/accord-cjk.otf")

# --- Content-hashed names for what the page refers to ---
file(READ "${stage}/index.html" html)
string(REGEX MATCHALL "(src|href)=(\"[^\"]*\"|'[^']*')" attributes "${html}")
set(renamed "")
foreach(attribute IN LISTS attributes)
  string(REGEX REPLACE "^[a-z]+=.(.*).$" "\\1" url "${attribute}")
  # Other origins, data: URLs, fragments and "/" itself name no file of the site.
  if(url MATCHES "^[A-Za-z][A-Za-z0-9+.-]*:" OR url MATCHES "^//" OR url MATCHES "^#" OR url STREQUAL "/"
     OR url STREQUAL "")
    continue()
  endif()
  if(url MATCHES "[?#]")
    message(FATAL_ERROR "index.html refers to ${url}: a query or fragment on a site file is not supported here")
  endif()
  string(REGEX REPLACE "^/" "" file "${url}")
  if(IS_DIRECTORY "${stage}/${file}")
    continue()
  endif()
  if(NOT EXISTS "${stage}/${file}")
    message(FATAL_ERROR "index.html refers to ${url}, which is not in the site (web/, app.js, app.wasm, fonts/)")
  endif()
  if(file IN_LIST renamed)
    continue()  # referred to twice (a preload and its use): one name
  endif()
  file(SHA256 "${stage}/${file}" sha)
  string(SUBSTRING "${sha}" 0 8 short)
  if(file MATCHES "\\.[^./]+$")
    string(REGEX REPLACE "(\\.[^./]+)$" ".${short}\\1" hashed "${file}")
  else()
    set(hashed "${file}.${short}")
  endif()
  file(RENAME "${stage}/${file}" "${stage}/${hashed}")
  list(APPEND renamed "${file}")
  # The same reference however it was written (relative or from the root, either quote).
  foreach(quote "\"" "'")
    string(REPLACE "=${quote}${file}${quote}" "=${quote}${hashed}${quote}" html "${html}")
    string(REPLACE "=${quote}/${file}${quote}" "=${quote}/${hashed}${quote}" html "${html}")
  endforeach()
  # A stylesheet that pulls in fonts or images would need its url()s rewritten as well.
  if(hashed MATCHES "\\.css$")
    file(READ "${stage}/${hashed}" css)
    string(REGEX MATCHALL "url\\([\"']?[^\"')]+" css_urls "${css}")
    foreach(css_url IN LISTS css_urls)
      if(NOT css_url MATCHES "^url\\([\"']?data:")
        message(FATAL_ERROR "${file} refers to files with url(): teach cmake/assemble_site.cmake to hash those first")
      endif()
    endforeach()
  endif()
endforeach()
file(WRITE "${stage}/index.html" "${html}")
list(LENGTH renamed count)
message(STATUS "Site: ${count} files content-hashed")

# --- Brotli twins, from the cache when the content was compressed before ---
file(MAKE_DIRECTORY "${CACHE_DIR}")
file(GLOB_RECURSE site_files LIST_DIRECTORIES false "${stage}/*")
set(used "")
foreach(path IN LISTS site_files)
  if(NOT path MATCHES "\\.(html|js|css|wasm|otf|ttf|svg|json|txt)$")
    continue()  # images and the like are compressed already
  endif()
  file(SHA256 "${path}" sha)
  set(cached "${CACHE_DIR}/${sha}.br")
  if(NOT EXISTS "${cached}")
    execute_process(COMMAND "${BROTLI}" -q 11 -f -o "${cached}.tmp" "${path}" RESULT_VARIABLE failed)
    if(failed)
      message(FATAL_ERROR "brotli failed on ${path}")
    endif()
    file(RENAME "${cached}.tmp" "${cached}")
  endif()
  list(APPEND used "${cached}")
  file(SIZE "${path}" plain_size)
  file(SIZE "${cached}" br_size)
  if(br_size LESS plain_size)
    file(COPY_FILE "${cached}" "${path}.br")
  endif()
endforeach()
# Keep the cache to what this site uses.
file(GLOB cache_files "${CACHE_DIR}/*")
foreach(path IN LISTS cache_files)
  if(NOT path IN_LIST used)
    file(REMOVE "${path}")
  endif()
endforeach()

file(REMOVE_RECURSE "${SITE_DIR}")
file(RENAME "${stage}" "${SITE_DIR}")

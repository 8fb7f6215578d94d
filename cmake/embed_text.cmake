# Writes a C++ source defining `const char* const <SYMBOL>` (in namespace <NAMESPACE>) whose
# text is the file INPUT, as a raw string literal. Used for data that must live inside the
# binary (the WASM client has no files), e.g. the official holiday calendar.
file(READ "${INPUT}" text)
get_filename_component(name "${INPUT}" NAME)
file(WRITE "${OUTPUT}.tmp" "// Generated from ${name} by cmake/embed_text.cmake. Do not edit.\nnamespace ${NAMESPACE} {\nextern const char* const ${SYMBOL};\nconst char* const ${SYMBOL} = R\"accord_text(${text})accord_text\";\n}  // namespace ${NAMESPACE}\n")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUTPUT}.tmp" "${OUTPUT}")

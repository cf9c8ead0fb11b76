# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Tapir authors
#
# NSIS installer settings (Windows), included by installer/CPackConfig.cmake. CPack writes
# these into its project.nsi template; CPACK_VERBATIM_VARIABLES keeps backslashes and quotes
# exactly as written below. Feed types Tapir alone reads (.dnstap, .fstrm, .cof) open with
# Tapir; for pcap files, which Wireshark usually owns, Tapir is only added to "Open with".

set(CPACK_VERBATIM_VARIABLES ON)
set(_nsis_dir "${CMAKE_CURRENT_LIST_DIR}")
set(CPACK_NSIS_PACKAGE_NAME "Tapir ${PROJECT_VERSION}")
set(CPACK_NSIS_DISPLAY_NAME "Tapir ${PROJECT_VERSION}")
set(CPACK_NSIS_MUI_ICON "${_nsis_dir}/tapir.ico")
set(CPACK_NSIS_MUI_UNIICON "${_nsis_dir}/tapir.ico")
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\tapir.exe")
set(CPACK_NSIS_EXECUTABLES_DIRECTORY "bin")
set(CPACK_NSIS_MUI_FINISHPAGE_RUN "tapir.exe")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_MODIFY_PATH ON)  # page: tapir-cli on PATH, desktop icon
set(CPACK_NSIS_URL_INFO_ABOUT "")
set(CPACK_NSIS_CONTACT "${CPACK_PACKAGE_CONTACT}")
set(CPACK_CREATE_DESKTOP_LINKS "tapir")  # a desktop shortcut if the user ticks the box

set(_assoc "")
set(_unassoc "")
# Extensions Tapir owns: ProgID per type, default verb opens (imports) the file.
foreach(pair "dnstap|dnstap capture" "fstrm|dnstap capture" "cof|passive DNS records (COF)")
  string(REPLACE "|" ";" pair "${pair}")
  list(GET pair 0 ext)
  list(GET pair 1 what)
  string(APPEND _assoc
      "WriteRegStr SHCTX \"Software\\Classes\\.${ext}\" \"\" \"Tapir.${ext}\"\n"
      "WriteRegStr SHCTX \"Software\\Classes\\Tapir.${ext}\" \"\" \"${what}\"\n"
      "WriteRegStr SHCTX \"Software\\Classes\\Tapir.${ext}\\DefaultIcon\" \"\" \"$INSTDIR\\bin\\tapir.exe,0\"\n"
      "WriteRegStr SHCTX \"Software\\Classes\\Tapir.${ext}\\shell\\open\\command\" \"\" '\"$INSTDIR\\bin\\tapir.exe\" \"%1\"'\n")
  string(APPEND _unassoc
      "DeleteRegKey SHCTX \"Software\\Classes\\Tapir.${ext}\"\n"
      "ReadRegStr $0 SHCTX \"Software\\Classes\\.${ext}\" \"\"\n"
      "StrCmp $0 \"Tapir.${ext}\" 0 +2\n"
      "DeleteRegKey SHCTX \"Software\\Classes\\.${ext}\"\n")
endforeach()
# Shared extensions: offered in "Open with" only.
string(APPEND _assoc
    "WriteRegStr SHCTX \"Software\\Classes\\Tapir.capture\" \"\" \"DNS capture (import into Tapir)\"\n"
    "WriteRegStr SHCTX \"Software\\Classes\\Tapir.capture\\DefaultIcon\" \"\" \"$INSTDIR\\bin\\tapir.exe,0\"\n"
    "WriteRegStr SHCTX \"Software\\Classes\\Tapir.capture\\shell\\open\\command\" \"\" '\"$INSTDIR\\bin\\tapir.exe\" \"%1\"'\n")
string(APPEND _unassoc "DeleteRegKey SHCTX \"Software\\Classes\\Tapir.capture\"\n")
foreach(ext pcap pcapng json jsonl log csv)
  string(APPEND _assoc
      "WriteRegStr SHCTX \"Software\\Classes\\.${ext}\\OpenWithProgids\" \"Tapir.capture\" \"\"\n")
  string(APPEND _unassoc
      "DeleteRegValue SHCTX \"Software\\Classes\\.${ext}\\OpenWithProgids\" \"Tapir.capture\"\n")
endforeach()
# Tell Explorer the associations changed (SHCNE_ASSOCCHANGED).
set(_notify "System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'\n")
set(CPACK_NSIS_EXTRA_INSTALL_COMMANDS "${_assoc}${_notify}")
set(CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS "${_unassoc}${_notify}")

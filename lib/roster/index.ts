// The school's roster: its students (name, address, language, a short note such as the
// licence category), their groups, the CSV import, and what the upload form offers.
// Any trainer of the school manages it; every function scopes by the member's school.
export * from "./rules";
export { parseRosterCsv, languageOf, type CsvRow, type RowProblem } from "./csv";
export { previewImport, importRoster, type ImportReport, type ImportRow, type RowOutcome } from "./import";
export { listStudents, addStudent, updateStudent, removeStudent, schoolStudent, type RosterEntry } from "./students";
export {
  listGroups,
  createGroup,
  renameGroup,
  deleteGroup,
  addGroupMembers,
  removeGroupMember,
  schoolGroup,
  type RosterGroupEntry,
} from "./groups";
export { rosterForUpload, addSharedStudents, rosterRowsFor, type SuggestedStudent, type UploadGroup } from "./sharing";

// The school admin's pages sit under the trainer's header (they are trainers too).
export { default } from "../trainer/layout";

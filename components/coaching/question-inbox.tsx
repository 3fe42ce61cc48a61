// The trainer dashboard's "questions waiting for you": each links to the video's watch page.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { formatMoment } from "@/lib/coaching/moments";

export interface WaitingQuestion {
  id: string;
  videoId: string;
  videoTitle: string;
  studentEmail: string;
  atSeconds: number;
  text: string;
}

export function QuestionInbox({ questions }: { questions: WaitingQuestion[] }) {
  const t = useTranslations("coaching");
  if (questions.length === 0) return null;
  return (
    <section aria-labelledby="waiting-questions" className="mt-4 rounded-xl border border-sky-200 bg-sky-50 p-4">
      <h2 id="waiting-questions" className="font-semibold">
        {t("waitingForYou", { count: questions.length })}
      </h2>
      <ul className="mt-2 space-y-1 text-sm">
        {questions.map((q) => (
          <li key={q.id} data-testid="waiting-question">
            <Link href={`/trainer/videos/${q.videoId}`} className="text-brand underline">
              {t("videoAt", { title: q.videoTitle, at: formatMoment(q.atSeconds) })}
            </Link>{" "}
            <span className="text-zinc-600">{q.studentEmail}:</span> <span className="whitespace-pre-wrap">{q.text}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

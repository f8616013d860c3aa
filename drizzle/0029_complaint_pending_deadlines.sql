ALTER TABLE "complaints" ALTER COLUMN "accept_due_on" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "complaints" ALTER COLUMN "answer_due_on" DROP NOT NULL;
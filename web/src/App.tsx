import { lazy, type ReactNode } from "react";
import { Navigate, Route, Routes, useLocation } from "react-router-dom";
import { AppLayout } from "./components/AppLayout";
import { FullPageSpin } from "./components/FullPageSpin";
import { RequirePerm } from "./components/RequirePerm";
import { AgencyProvider } from "./lib/agency";
import { useAuth } from "./lib/auth";
import LoginPage from "./pages/LoginPage";
import { PublicLayout } from "./public/PublicLayout";

const WorkbenchPage = lazy(() => import("./pages/WorkbenchPage"));
const AgenciesPage = lazy(() => import("./pages/AgenciesPage"));
const UsersPage = lazy(() => import("./pages/UsersPage"));
const SettingsPage = lazy(() => import("./pages/SettingsPage"));
const CalendarPage = lazy(() => import("./pages/CalendarPage"));
const SecurityEventsPage = lazy(() => import("./pages/SecurityEventsPage"));
const LedgerPage = lazy(() => import("./pages/LedgerPage"));
const EvidencePage = lazy(() => import("./pages/EvidencePage"));
const OfficersPage = lazy(() => import("./pages/OfficersPage"));
const OfficerDetailPage = lazy(() => import("./pages/OfficerDetailPage"));
const TrainingPage = lazy(() => import("./pages/TrainingPage"));
const TrainingPlanPage = lazy(() => import("./pages/TrainingPlanPage"));
const PasswordPage = lazy(() => import("./pages/PasswordPage"));
const NotFoundPage = lazy(() => import("./pages/NotFoundPage"));
const LawsPage = lazy(() => import("./pages/LawsPage"));
const PowersPage = lazy(() => import("./pages/PowersPage"));
const BenchmarksPage = lazy(() => import("./pages/BenchmarksPage"));
const CasesPage = lazy(() => import("./pages/CasesPage"));
const CaseDetailPage = lazy(() => import("./pages/CaseDetailPage"));
const CaseDeadlinesPage = lazy(() => import("./pages/CaseDeadlinesPage"));
const ProcedureListsPage = lazy(() => import("./pages/ProcedureListsPage"));
const TicketPage = lazy(() => import("./pages/TicketPage"));
const ComplaintsPage = lazy(() => import("./pages/ComplaintsPage"));
const ComplaintDetailPage = lazy(() => import("./pages/ComplaintDetailPage"));
const ComplaintIntakePage = lazy(() => import("./pages/ComplaintIntakePage"));
// The public site (no login): outside RequireAuth.
const ComplaintFormPage = lazy(() => import("./public/ComplaintFormPage"));
const ComplaintStatusPage = lazy(() => import("./public/ComplaintStatusPage"));
// The public information site (C13).
const PublicHomePage = lazy(() => import("./public/site/HomePage"));
const PublicAgenciesPage = lazy(() => import("./public/site/AgenciesPage"));
const PublicPowersPage = lazy(() => import("./public/site/PowersPage"));
const PublicInspectionItemsPage = lazy(() => import("./public/site/InspectionItemsPage"));
const PublicServiceGuidesPage = lazy(() => import("./public/site/ServiceGuidesPage"));
const PublicInspectionResultsPage = lazy(() => import("./public/site/InspectionResultsPage"));
const PublicProceduresPage = lazy(() => import("./public/site/ProceduresPage"));
const PublicBenchmarksPage = lazy(() => import("./public/site/BenchmarksPage"));
const PublicRemediesPage = lazy(() => import("./public/site/RemediesPage"));
const PublicDecisionsPage = lazy(() => import("./public/site/DecisionsPage"));
const PublicDecisionPage = lazy(() => import("./public/site/DecisionPage"));
const PublicStatisticsPage = lazy(() => import("./public/site/StatisticsPage"));
const PublicationPage = lazy(() => import("./pages/PublicationPage"));
const ReviewsPage = lazy(() => import("./pages/ReviewsPage"));
const ReviewDetailPage = lazy(() => import("./pages/ReviewDetailPage"));
const ReviewSubmitPage = lazy(() => import("./pages/ReviewSubmitPage"));
const MeetingsPage = lazy(() => import("./pages/MeetingsPage"));
const MeetingDetailPage = lazy(() => import("./pages/MeetingDetailPage"));
const FilingsPage = lazy(() => import("./pages/FilingsPage"));
const MajorCriteriaPage = lazy(() => import("./pages/MajorCriteriaPage"));

/** Logged-in area: anything else goes to /login (and comes back afterwards). */
const RequireAuth = ({ children }: { children: ReactNode }) => {
  const { me, loggedOut } = useAuth();
  const location = useLocation();
  if (me === undefined) return <FullPageSpin />;
  if (me === null) {
    // After a 401 the user comes back to where they were; after "退出登录" they start afresh.
    const state = loggedOut ? undefined : { from: location.pathname + location.search };
    return <Navigate to="/login" replace state={state} />;
  }
  return <>{children}</>;
};

const guarded = (perm: string, page: ReactNode) => <RequirePerm perm={perm}>{page}</RequirePerm>;

export const AppRoutes = () => (
  <Routes>
    <Route path="/login" element={<LoginPage />} />
    <Route path="/public" element={<PublicLayout />}>
      <Route path="complaint" element={<ComplaintFormPage />} />
      <Route path="complaint/status" element={<ComplaintStatusPage />} />
      <Route index element={<PublicHomePage />} />
      <Route path="agencies" element={<PublicAgenciesPage />} />
      <Route path="powers" element={<PublicPowersPage />} />
      <Route path="inspection-items" element={<PublicInspectionItemsPage />} />
      <Route path="service-guides" element={<PublicServiceGuidesPage />} />
      <Route path="inspection-results" element={<PublicInspectionResultsPage />} />
      <Route path="procedures" element={<PublicProceduresPage />} />
      <Route path="benchmarks" element={<PublicBenchmarksPage />} />
      <Route path="remedies" element={<PublicRemediesPage />} />
      <Route path="decisions" element={<PublicDecisionsPage />} />
      <Route path="decisions/:id" element={<PublicDecisionPage />} />
      <Route path="statistics" element={<PublicStatisticsPage />} />
    </Route>
    <Route
      element={
        <RequireAuth>
          <AgencyProvider>
            <AppLayout />
          </AgencyProvider>
        </RequireAuth>
      }
    >
      <Route index element={<WorkbenchPage />} />
      <Route path="cases" element={guarded("case.read", <CasesPage />)} />
      <Route path="cases/:id" element={guarded("case.read", <CaseDetailPage />)} />
      <Route path="case-deadlines" element={guarded("case.read", <CaseDeadlinesPage />)} />
      <Route path="reviews" element={guarded("review.read", <ReviewsPage />)} />
      <Route path="reviews/new" element={guarded("review.submit", <ReviewSubmitPage />)} />
      <Route path="reviews/:id" element={guarded("review.read", <ReviewDetailPage />)} />
      <Route path="meetings" element={guarded("review.read", <MeetingsPage />)} />
      <Route path="meetings/:id" element={guarded("review.read", <MeetingDetailPage />)} />
      <Route path="filings" element={guarded("review.read", <FilingsPage />)} />
      <Route path="major-decision-criteria" element={guarded("review.read", <MajorCriteriaPage />)} />
      <Route path="publication" element={guarded("case.read", <PublicationPage />)} />
      <Route path="ticket" element={guarded("case.handle", <TicketPage />)} />
      <Route path="complaints" element={guarded("complaint.read", <ComplaintsPage />)} />
      <Route path="complaints/new" element={guarded("complaint.read", <ComplaintIntakePage />)} />
      <Route path="complaints/:id" element={guarded("complaint.read", <ComplaintDetailPage />)} />
      <Route path="agencies" element={guarded("agency.read", <AgenciesPage />)} />
      <Route path="users" element={guarded("user.read", <UsersPage />)} />
      <Route path="settings" element={guarded("settings.read", <SettingsPage />)} />
      <Route path="calendar" element={guarded("calendar.read", <CalendarPage />)} />
      <Route path="security-events" element={guarded("audit.read", <SecurityEventsPage />)} />
      <Route path="ledger" element={guarded("ledger.read", <LedgerPage />)} />
      <Route path="evidence" element={guarded("evidence.read", <EvidencePage />)} />
      <Route path="laws" element={guarded("law.read", <LawsPage />)} />
      <Route path="powers" element={guarded("power.read", <PowersPage />)} />
      <Route path="procedure-lists" element={guarded("power.read", <ProcedureListsPage />)} />
      <Route path="benchmarks" element={guarded("power.read", <BenchmarksPage />)} />
      <Route path="officers" element={guarded("officer.read", <OfficersPage />)} />
      <Route path="officers/:id" element={guarded("officer.read", <OfficerDetailPage />)} />
      <Route path="training" element={guarded("training.read", <TrainingPage />)} />
      <Route path="training/plans/:id" element={guarded("training.read", <TrainingPlanPage />)} />
      <Route path="password" element={<PasswordPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Route>
  </Routes>
);

import { lazy, Suspense } from 'react';
import { Redirect, Route, Router, Switch, useLocation } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { AppLayout } from '../components/AppLayout.tsx';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { CenteredLoader, QueryBoundary } from '../components/QueryBoundary.tsx';
import { useCoreEvents } from '../hooks/use-core-events.ts';
import { useSession } from '../hooks/use-session.ts';
import { useDesktopEvents } from '../hooks/use-desktop-events.ts';
import { CommunitiesScreen } from '../screens/communities/CommunitiesScreen.tsx';
import { CommunityScreen } from '../screens/communities/CommunityScreen.tsx';
import { ThreadScreen } from '../screens/communities/ThreadScreen.tsx';
import { DirectoryScreen } from '../screens/directory/DirectoryScreen.tsx';
import { FollowUpsScreen } from '../screens/follow-ups/FollowUpsScreen.tsx';
import { HomeScreen } from '../screens/home/HomeScreen.tsx';
import { NotesScreen } from '../screens/notes/NotesScreen.tsx';
import { PersonScreen } from '../screens/person/PersonScreen.tsx';
import { SettingsScreen } from '../screens/settings/SettingsScreen.tsx';
import { WelcomeScreen } from '../screens/welcome/WelcomeScreen.tsx';

// The graph (sigma, graphology, its layouts and exporters) loads when My network first opens: half the bundle.
const NetworkScreen = lazy(() =>
  import('../screens/network/NetworkScreen.tsx').then((m) => ({ default: m.NetworkScreen })),
);

/** Signed out → the welcome screen; signed in → the app's screens, routed by the URL hash. */
export function App() {
  return (
    <Router hook={useHashLocation}>
      <SessionGate />
    </Router>
  );
}

function SessionGate() {
  useCoreEvents();
  useDesktopEvents();
  const session = useSession();
  return (
    <QueryBoundary query={session} errorTitle="Kith could not start" center={{ h: '100dvh', p: 'xl' }}>
      {(state) =>
        state.state === 'signed_out' ? (
          <WelcomeScreen session={state} />
        ) : (
          <AppLayout>
            <Screens />
          </AppLayout>
        )
      }
    </QueryBoundary>
  );
}

function Screens() {
  const [location] = useLocation();
  return (
    <ErrorBoundary resetKey={location}>
      <Switch>
        <Route path="/home" component={HomeScreen} />
        <Route path="/people" component={DirectoryScreen} />
        <Route path="/people/:id">{(params) => <PersonScreen id={params.id} />}</Route>
        <Route path="/network/:view?/:id?">
          {(params) => (
            <Suspense fallback={<CenteredLoader />}>
              <NetworkScreen view={params.view} id={params.id} />
            </Suspense>
          )}
        </Route>
        <Route path="/communities" component={CommunitiesScreen} />
        <Route path="/communities/:id">{(params) => <CommunityScreen id={params.id} />}</Route>
        <Route path="/communities/:id/posts/:postId">
          {(params) => <ThreadScreen id={params.id} postId={params.postId} />}
        </Route>
        <Route path="/notes" component={NotesScreen} />
        <Route path="/follow-ups" component={FollowUpsScreen} />
        <Route path="/settings" component={SettingsScreen} />
        <Route>
          <Redirect to="/home" replace />
        </Route>
      </Switch>
    </ErrorBoundary>
  );
}

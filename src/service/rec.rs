//! Recommendations to leadership ("you said, we did").
